// The components a lesson may use, in content/ (through mdsvex) and, as the same
// markup, in lessons written in the browser (src/lib/server/courses/markdown.ts).
export { default as KeyPoint } from './KeyPoint.svelte';
export { default as Figure } from './Figure.svelte';
export { default as Video } from './Video.svelte';
export { default as Practice } from './Practice.svelte';

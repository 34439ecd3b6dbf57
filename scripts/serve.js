// `npm start`: serve the production build with sensible local defaults.
// adapter-node refuses form posts whose Origin differs from ORIGIN, so default it
// to the address the README tells people to open.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// Lesson videos may be up to 100 MB (src/lib/server/files/limits.ts); adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '110M';
await import('../build/index.js');

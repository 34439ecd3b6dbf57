// `npm start`: serve the production build with sensible local defaults.
// adapter-node refuses form posts whose Origin differs from ORIGIN, so default it
// to the address the README tells people to open.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
await import('../build/index.js');

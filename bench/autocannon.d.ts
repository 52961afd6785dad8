// autocannon ships no type declarations; bench/api.ts types the few fields it reads itself.
declare module 'autocannon';

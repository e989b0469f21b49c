#!/usr/bin/env node
import { main } from './main.js';

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`newsbite: ${String(error)}\n`);
    process.exitCode = 70;
  },
);

import type { RegisterCommand } from '../context.js';
import { register as read } from './read.js';
import { register as extract } from './extract.js';
import { register as bite } from './bite.js';
import { register as stories } from './stories.js';
import { register as add } from './add.js';
import { register as importOpml } from './import.js';
import { register as exportOpml } from './export.js';
import { register as poll } from './poll.js';
import { register as list } from './list.js';
import { register as search } from './search.js';
import { register as serve } from './serve.js';
import { register as user } from './user.js';

/** Every command, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [read, extract, bite, stories, add, importOpml, exportOpml, poll, list, search, serve, user];

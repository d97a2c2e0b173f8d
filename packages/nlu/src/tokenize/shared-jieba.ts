import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let instance: Jieba | undefined;

/**
 * The one jieba instance of the process. Loading the dictionary costs ~250 ms and tens of
 * MB, so tenants never get their own; their product names go through {@link UserDictionary}.
 */
export function sharedJieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}

/** An entity found in a message; `start`/`end` are UTF-16 offsets into the text as given. */
export type Entity = {
  type: string;
  value: string;
  text: string;
  start: number;
  end: number;
  normalized?: unknown;
  confidence: number;
};

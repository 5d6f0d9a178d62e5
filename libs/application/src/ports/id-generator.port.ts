/** Makes ids that are unique forever: client order ids (Upbit `identifier`s can never be reused), command ids. */
export interface IdGenerator {
  next(): string;
}

export const ID_GENERATOR = Symbol('ID_GENERATOR');

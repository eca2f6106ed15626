export function fakeModelsPort(): Promise<number>;

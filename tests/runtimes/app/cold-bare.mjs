// Cold start's baseline: a program that does nothing, started the same way.
export async function run() {}

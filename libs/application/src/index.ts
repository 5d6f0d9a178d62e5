// The public API of this library. It is empty until its issue lands (see `issues`).
export {};

// The start-up benchmark's floor: a Node process that does nothing (probe.mjs still preloaded).
process.exit()

// What a bench report says about the machine it ran on: its figures depend on it and on its load.
import os from "os";

export function machineFacts() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "?",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    date: new Date().toISOString(),
  };
}

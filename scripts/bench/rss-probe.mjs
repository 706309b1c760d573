// Preloaded into a benchmarked child process: on exit, write its peak resident
// set size (kilobytes, all threads) to the file named by AGORA_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.AGORA_RSS_FILE) writeFileSync(process.env.AGORA_RSS_FILE, String(process.resourceUsage().maxRSS));
});

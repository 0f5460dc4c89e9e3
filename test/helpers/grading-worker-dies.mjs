// A grading thread that dies as it starts, like one whose bundle is missing.
process.exit(1);

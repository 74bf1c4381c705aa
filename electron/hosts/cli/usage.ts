// `frameproof --help`: the commands' usage, kept apart from the commands so that printing it loads none.

const BOARD_USAGE = `  score FOLDER [--model ID|DIR] [--json] [--fail-on warning|any|error|FLAG,...] [--threshold NAME=VALUE]...
        [--preset default|captions|strict|quiet] [--flag FLAG=off|info|warning]... [--export FILE]...
      Scores every frame of a storyboard folder against its caption and prints a table (or JSON).
      --preset and --flag set how loud each kind of flag is for this run (off: not reported; info: a
      note; warning: needs a look). Exit 1 when a --fail-on flag that needs a look is raised
      (warning: any such flag; any: notes too; error: unreadable frames, board problems), for
      pipelines; 2 for usage and fatal errors.`;

const COMPARE_USAGE = `  compare FOLDER --model ID|DIR --model ID|DIR [--model ...] [--json] [--export FILE.html|FILE.json]...
      Scores the board with each model (through the cache), times each on the board's frames and
      shows them side by side: a summary per model (speed, memory, caption retrieval recall@1/@5),
      every frame's scores and flags, and where the flags disagree.`;

const SERVE_USAGE = `  serve [FOLDER] [--port N] [--model ID|DIR] [--provider P] [--threads N]
      Serves the app on http://127.0.0.1 (this machine only) and prints the link to open;
      opens FOLDER, or the sample board.`;

export const USAGE = `Usage: frameproof <command> [options]

Commands:
  tokenize [--model DIR | --bpe FILE] --jsonl [--plain]
      Reads one JSON string per line on stdin, writes {"text","ids","ids77","truncated"} per line.
      --plain skips ftfy's text fixing (curly quotes, BOM, mojibake), as CLIP without ftfy.
  preprocess --out-dir DIR [--model DIR] IMAGE...
      Writes DIR/<name>.f32: the CLIP input tensor (float32 little-endian, 3x224x224).
  embed --model DIR [--image PATH]... [--text TEXT]... --json
      Prints L2-normalized image and text embeddings as JSON.
${BOARD_USAGE}
${COMPARE_USAGE}
${SERVE_USAGE}
  score --model DIR --image PATH --text TEXT [--json]
      Prints the CLIP score (cosine) and CLIPScore = 100 * max(cosine, 0).
  models list [--json] | download ID | import DIR [--name NAME] | remove ID     (frameproof models -h)

Model options: --provider auto|cuda|dml|coreml|webgpu|cpu (default auto), --threads N
frameproof --version prints the version.
Exit codes: 0 done, 2 bad input (the message says which file and what to do), 1 internal error.`;

"""Compiles and runs the Swift code samples of the documentation, so that
every sample is real API that works.

For each Markdown file (the DocC articles under Sources/*/*.docc and the
README), the ```swift blocks are concatenated, in order, into one
main.swift, which is compiled against the package's debug build (the
modules and object files `swift build` left in .build) and run. A block
preceded by the line `<!-- fragment -->` is shown to readers but not
compiled (a piece of a larger program, such as a manifest excerpt).

Usage (from the repository root, after `swift build`):
  python3 scripts/check_doc_snippets.py [--no-run] [--show-output] [FILE.md]...
Exit status 1 if any file fails to compile or its program fails.
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIBRARIES = ["SwiftJAX", "CSwiftJAXKernels", "SwiftJAXNN", "SwiftJAXOptim", "SwiftJAXTesting"]
FENCE = re.compile(r"^```swift\s*$")


def swift_blocks(path):
    """The file's ```swift blocks, except those marked as fragments."""
    blocks, current, skip, previous = [], None, False, ""
    with open(path) as f:
        for line in f:
            if current is None and FENCE.match(line.strip()):
                current, skip = [], previous.strip() == "<!-- fragment -->"
            elif current is not None and line.strip() == "```":
                if not skip:
                    blocks.append("".join(current))
                current = None
            elif current is not None:
                current.append(line)
            previous = line
    return blocks


def current_objects(bin_dir, lib):
    """The library's object files whose source still exists: an incremental
    build leaves the objects of renamed or deleted files behind, and linking
    them too would define their symbols twice."""
    sources = set()
    for folder, _, files in os.walk(os.path.join(ROOT, "Sources", lib)):
        sources.update(files)
    objects = sorted(glob.glob(os.path.join(bin_dir, f"{lib}.build", "*.o")))
    return [o for o in objects if os.path.basename(o)[:-len(".o")] in sources]


def compile_command(bin_dir, source, output):
    objects = []
    for lib in LIBRARIES:
        objects += current_objects(bin_dir, lib)
    return ["swiftc", "-swift-version", "5", "-I", os.path.join(bin_dir, "Modules"),
            "-load-plugin-executable", os.path.join(bin_dir, "SwiftJAXMacros-tool") + "#SwiftJAXMacros",
            "-Xcc", "-fmodule-map-file=" + os.path.join(bin_dir, "CSwiftJAXKernels.build", "module.modulemap"),
            "-Xcc", "-I" + os.path.join(ROOT, "Sources", "CSwiftJAXKernels", "include"),
            source, *objects, "-o", output]


def check(path, bin_dir, run, show):
    blocks = swift_blocks(path)
    if not blocks:
        return True
    rel = os.path.relpath(path, ROOT)
    with tempfile.TemporaryDirectory(prefix="swiftjax-snippets-") as d:
        source, exe = os.path.join(d, "main.swift"), os.path.join(d, "snippets")
        with open(source, "w") as f:
            f.write("\n".join(blocks))
        r = subprocess.run(compile_command(bin_dir, source, exe), capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL {rel}: does not compile\n{r.stderr}", file=sys.stderr)
            return False
        if not run:
            print(f"ok   {rel} ({len(blocks)} blocks compiled)")
            return True
        r = subprocess.run([exe], capture_output=True, text=True, timeout=600, cwd=d)
        if show:
            print(f"---- {rel}\n{r.stdout}{r.stderr}")
        if r.returncode != 0:
            print(f"FAIL {rel}: the program exited with {r.returncode}\n{r.stdout[-2000:]}{r.stderr[-2000:]}",
                  file=sys.stderr)
            return False
        print(f"ok   {rel} ({len(blocks)} blocks compiled and run)")
        return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--no-run", action="store_true", help="compile only")
    ap.add_argument("--show-output", action="store_true", help="print what each program prints")
    ap.add_argument("--bin-path", help="the debug build's bin directory (default: `swift build --show-bin-path`)")
    args = ap.parse_args()
    files = args.files or sorted(glob.glob(os.path.join(ROOT, "Sources", "*", "*.docc", "*.md"))) + [
        os.path.join(ROOT, "README.md")]
    bin_dir = args.bin_path or subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                                              capture_output=True, text=True).stdout.strip()
    if not os.path.isdir(os.path.join(bin_dir, "SwiftJAX.build")):
        sys.exit(f"no debug build in {bin_dir}: run `swift build` first")
    results = [check(os.path.abspath(f), bin_dir, not args.no_run, args.show_output) for f in files]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())

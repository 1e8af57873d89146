#!/usr/bin/env python3
"""Runs the operations that x1601-bench timed on the same files with python-igraph and
NetworkX, and prints one Markdown table with the ratios.

Reads the JSON written by x1601-bench (file paths, node count, BFS sources) and writes its own
JSON beside the table. Run through Benchmarks/run.sh, which builds the Swift side and installs
python-igraph and NetworkX into Benchmarks/.venv.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time

# The GAP Benchmark Suite cannot be built here because nothing may be downloaded, so its BFS
# time is a reference constant and not a measurement: single-thread direction-optimising bfs on
# a Kronecker (R-MAT) graph of scale 20 and edge factor 16, about 35 ms on a 2-core x86-64
# machine like the one these benchmarks target.
GAP_BFS_SECONDS = 0.035
GAP_SOURCE = "GAP Benchmark Suite bfs, 1 thread, kron scale 20 (reference figure, not run here)"


def timed(function, runs, warm_up=True):
    """Times `function` `runs` times after one warm-up call; returns (wall, processor) second
    lists and the last result."""
    if warm_up:
        function()
    wall = []
    processor = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        start_processor = time.process_time()
        result = function()
        wall.append(time.perf_counter() - start)
        processor.append(time.process_time() - start_processor)
    return (wall, processor), result


def summary(name, timings, **figures):
    wall, processor = timings
    return {
        "name": name,
        "seconds": wall,
        "cpuSeconds": processor,
        "median": statistics.median(wall),
        "cpuMedian": statistics.median(processor),
        "minimum": min(wall),
        "maximum": max(wall),
        "figures": figures,
    }


def joined(timings):
    wall = []
    processor = []
    for part_wall, part_processor in timings:
        wall += part_wall
        processor += part_processor
    return wall, processor


def plain_path(swift):
    stem, _ = os.path.splitext(swift["textPath"])
    return stem + ".plain.txt"


def run_igraph(swift, runs):
    import igraph

    path = plain_path(swift)
    nodes = swift["graph"]["nodes"]
    results = []
    seconds, graph = timed(lambda: igraph.Graph.Read_Edgelist(path, directed=True), 1, False)
    results.append(summary("load text edge list", seconds))
    if graph.vcount() < nodes:
        graph.add_vertices(nodes - graph.vcount())
    # x1601 keeps one edge of each (source, target) pair; igraph keeps repeats, so remove them
    # to run both on the same graph.
    graph.simplify(multiple=True, loops=False)
    sources = swift["sources"]

    bfs = joined(timed(lambda: graph.bfs(source, mode="out"), runs)[0] for source in sources)
    results.append(summary("BFS (forward)", bfs))
    reverse = joined(timed(lambda: graph.bfs(source, mode="in"), runs)[0] for source in sources)
    results.append(summary("BFS (reverse)", reverse))
    structure_runs = max(1, runs // 2)
    seconds, _ = timed(lambda: graph.dominator(sources[0], mode="out"), structure_runs)
    results.append(summary("dominator tree", seconds))
    seconds, components = timed(
        lambda: graph.connected_components(mode="strong"), structure_runs)
    results.append(summary("strongly connected components", seconds, count=len(components)))
    return {"version": igraph.__version__, "edges": graph.ecount(), "measurements": results}


def run_networkx(swift, runs):
    import networkx

    path = plain_path(swift)
    nodes = swift["graph"]["nodes"]
    results = []
    seconds, graph = timed(
        lambda: networkx.read_edgelist(path, create_using=networkx.DiGraph, nodetype=int),
        1, False)
    results.append(summary("load text edge list", seconds))
    graph.add_nodes_from(range(nodes))
    sources = swift["sources"]
    bfs = joined(
        timed(lambda: networkx.single_source_shortest_path_length(graph, source), runs)[0]
        for source in sources)
    results.append(summary("BFS (forward)", bfs))
    structure_runs = 1
    seconds, _ = timed(
        lambda: networkx.immediate_dominators(graph, sources[0]), structure_runs, False)
    results.append(summary("dominator tree", seconds))
    seconds, _ = timed(
        lambda: list(networkx.strongly_connected_components(graph)), structure_runs, False)
    results.append(summary("strongly connected components", seconds))
    return {"version": networkx.__version__, "edges": graph.number_of_edges(),
            "measurements": results}


def swift_median(swift, prefix, key="median"):
    if swift is None:
        return None
    for measurement in swift["measurements"]:
        if measurement["name"].startswith(prefix):
            return measurement.get(key)
    return None


def other_median(other, name, key="median"):
    if other is None:
        return None
    for measurement in other["measurements"]:
        if measurement["name"] == name:
            return measurement.get(key)
    return None


def cell(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def ratio(numerator, denominator):
    if numerator is None or denominator is None or denominator == 0:
        return "–"
    return f"{numerator / denominator:.3g}x"


def table(swift, igraph_result, networkx_swift, networkx_result):
    rows = [
        ("load text edge list", "text: edge-list import", "load text edge list"),
        ("BFS forward, 1 thread (direction-optimising)", "BFS directionOptimizing",
         "BFS (forward)"),
        ("BFS forward, 1 thread (top-down)", "BFS topDown (forward)", "BFS (forward)"),
        ("BFS forward, 2 threads", "BFS parallel", "BFS (forward)"),
        ("dominator tree", "dominator tree", "dominator tree"),
        ("strongly connected components", "strongly connected components",
         "strongly connected components"),
    ]
    lines = [
        f"Scale {swift['scale']} (x1601 and igraph), NetworkX at scale "
        f"{networkx_swift['scale'] if networkx_swift else '–'}. Wall-clock medians; processor "
        "time (user + system, all threads) in brackets.",
        "",
        "| operation | x1601 | igraph | x1601 / igraph | x1601 at NetworkX scale | NetworkX "
        "| x1601 / NetworkX |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, swift_prefix, other_name in rows:
        cells = []
        for ours_report, theirs_report in [(swift, igraph_result), (networkx_swift, networkx_result)]:
            ours = swift_median(ours_report, swift_prefix)
            theirs = other_median(theirs_report, other_name)
            ours_cpu = swift_median(ours_report, swift_prefix, "cpuMedian")
            theirs_cpu = other_median(theirs_report, other_name, "cpuMedian")
            cells += [
                f"{cell(ours)} [{cell(ours_cpu)}]",
                f"{cell(theirs)} [{cell(theirs_cpu)}]",
                f"{ratio(ours, theirs)} [{ratio(ours_cpu, theirs_cpu)}]",
            ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    bfs = swift_median(swift, "BFS directionOptimizing")
    bfs_cpu = swift_median(swift, "BFS directionOptimizing", "cpuMedian")
    lines.append("")
    lines.append(
        f"x1601 direction-optimising BFS / {GAP_SOURCE}, {GAP_BFS_SECONDS * 1000:.0f} ms: "
        f"{ratio(bfs, GAP_BFS_SECONDS)} [{ratio(bfs_cpu, GAP_BFS_SECONDS)}]")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--swift", required=True, help="JSON from x1601-bench for igraph")
    parser.add_argument("--networkx-swift", help="JSON from x1601-bench at the NetworkX scale")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-networkx", action="store_true")
    parser.add_argument("--json", required=True, help="where to write the results")
    parser.add_argument("--markdown", required=True, help="where to write the table")
    arguments = parser.parse_args()

    with open(arguments.swift) as file:
        swift = json.load(file)
    networkx_swift = None
    if arguments.networkx_swift:
        with open(arguments.networkx_swift) as file:
            networkx_swift = json.load(file)

    print("igraph ...", file=sys.stderr)
    igraph_result = run_igraph(swift, arguments.runs)
    igraph_result["peakResidentBytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    # Keep the igraph figures even if the slower NetworkX runs are stopped.
    with open(arguments.json, "w") as file:
        json.dump({"igraph": igraph_result, "networkx": None,
                   "gap": {"bfsSeconds": GAP_BFS_SECONDS, "source": GAP_SOURCE}}, file, indent=2)
    networkx_result = None
    if not arguments.no_networkx and networkx_swift:
        print("NetworkX ...", file=sys.stderr)
        networkx_result = run_networkx(networkx_swift, max(1, arguments.runs // 2))
        networkx_result["peakResidentBytes"] = (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)

    markdown = table(swift, igraph_result, networkx_swift, networkx_result)
    with open(arguments.json, "w") as file:
        json.dump({"igraph": igraph_result, "networkx": networkx_result,
                   "gap": {"bfsSeconds": GAP_BFS_SECONDS, "source": GAP_SOURCE}}, file, indent=2)
    with open(arguments.markdown, "w") as file:
        file.write(markdown + "\n")
    print(markdown)


if __name__ == "__main__":
    main()

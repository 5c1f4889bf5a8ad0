#!/usr/bin/python3
"""Runs ../shared/bench/bench_peers.py with its step timer reading CPU time instead of wall time.

The machine these benchmarks run on is shared (2 cores, often a load of 8 and more), so wall
clock times of both sides swing by 3x from run to run. CPU time of the process
(time.process_time: all threads, user + system) is what a step costs, on either side.

  bench/peers_cpu.py PATH/TO/bench_peers.py igraph events_1m.tsv --skip-dot --bc-full-max 0
"""
import importlib.util
import sys
import time

spec = importlib.util.spec_from_file_location("bench_peers", sys.argv[1])
peers = importlib.util.module_from_spec(spec)
time.perf_counter = time.process_time
spec.loader.exec_module(peers)
sys.argv = [sys.argv[1]] + sys.argv[2:]
peers.main()

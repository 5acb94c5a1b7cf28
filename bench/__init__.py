"""Benchmark harness and synthetic corpus generator (`make bench`)."""

// Tests for X1601Graph.

// Tests for X1601Analysis.

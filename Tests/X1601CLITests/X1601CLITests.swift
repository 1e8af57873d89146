// Tests for X1601CLI.

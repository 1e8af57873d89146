// Tests for X1601IO.

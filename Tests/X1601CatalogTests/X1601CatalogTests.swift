// Tests for X1601Catalog.

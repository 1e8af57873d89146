// The X1601Catalog module. Its sources are added beside this file.

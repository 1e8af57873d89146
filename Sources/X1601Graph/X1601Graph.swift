// The X1601Graph module. Its sources are added beside this file.

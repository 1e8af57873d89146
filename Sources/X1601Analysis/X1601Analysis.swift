// The X1601Analysis module. Its sources are added beside this file.

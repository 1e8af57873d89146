// The X1601IO module. Its sources are added beside this file.

// The X1601SetCover module. Its sources are added beside this file.

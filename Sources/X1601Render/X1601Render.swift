// The X1601Render module. Its sources are added beside this file.

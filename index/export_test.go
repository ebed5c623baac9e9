package index

// SetStorageReserve changes the free space a change must leave, so that a test can let
// changes through to a disk that then fills up. It returns the old value.
func SetStorageReserve(n int64) int64 {
	old := storageReserve
	storageReserve = n
	return old
}

// TableState reports whether an index was opened from its table file, and if not, why.
func TableState(ix *Index) (bool, error) { return ix.fromTable, ix.tableErr }

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

// SetCheckpointMin changes the fewest new paragraphs that move to the table file in
// the middle of a run of changes; it returns the old value.
func SetCheckpointMin(n int) int {
	old := checkpointMin
	checkpointMin = n
	return old
}

// Checkpoints is how many times an index moved new paragraphs to its table file.
func Checkpoints(ix *Index) int { return ix.checkpoints }

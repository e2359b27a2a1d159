// Package capture finds, opens and reads the Junos show system license
// captures the example commands report on (devicereport and
// licenseexporter), so that no file put beside the captures can stop a
// read, exhaust the machine's memory, or hide the other captures.
//
// [Reader.List] expands the paths a command is given into the files one
// pass takes in: a file as it is, a directory as its entries in name order
// (hidden files, Markdown notes and subdirectories left out); [Reader.Walk]
// walks subdirectories too, as deep as it is told, saying which it does not
// read. [Inventory] is an operator's CSV list of devices, their platforms
// and serial numbers, and [Inventory.Identify] what it and a platform given
// for every device say of a capture's device, the inventory standing over
// the platform given. [Reader.Read]
// opens one of them without blocking, checks on the opened descriptor that
// it is a regular file, and parses it with [junos.Parse] within a pass's
// [Budget]. Everything a pass meets that it cannot read is an [*Error]
// naming the path, and the rest of the pass goes on.
//
// # Bounds
//
// A pass takes in at most [Limits] Files files (paths given and directory
// entries alike, the first by name when a directory holds more; paths
// wanting more together share them fairly, each getting what it wants up
// to an equal part and the crowded ones the rest), of at most
// [junos.MaxBytes] each and Bytes together, listing at most Features
// features together (usage rows and features of installed keys); one
// capture lists at most [junos.MaxEntries]. Past a bound the file
// is refused naming the bound, and the files after it are still read.
// Listing a directory holds at most twice Limits.Files of its names at
// once, whatever it holds. Reading and parsing are linear in the bytes
// taken in; a read that does not return (a hung mount) is not begun again
// by the same Reader until it does. Walking, a pass enters at most as many
// directories as it takes files, each at most the depth it is told below a
// directory given, and holds the names of at most that many directories
// at once, each cut to twice the files bound. An inventory is at most
// [MaxInventoryBytes] of at most [MaxInventoryRows] devices, read in time
// and memory linear in its size.
//
// # Stamps
//
// [Reader.Stat] takes a file's [Stamp] (device, inode, size, modification
// and change time) by path, without opening it, and refuses what Read
// refuses; [Capture] carries the stamp of the file as it was read. A
// caller that keeps what it read (the exporter) reads a file again only
// when its stamp changed, or when its last change was within [Settle] of
// the read; a capture taken in unchanged is charged to the pass's
// [Budget] with [Budget.Charge] as a read would be.
//
// # Names
//
// [Quote] and [Line] print names and messages on one line: a file name holding
// a newline cannot forge a line of a command's output.
package capture

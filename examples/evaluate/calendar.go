package main

import "io"

func runCalendar(o options, files []string, stdout, stderr io.Writer) int { return exitError }

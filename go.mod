module github.com/licensepolicy/licensepolicy

go 1.24

require pgregory.net/rapid v1.3.0

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/shopspring/decimal v1.6.0 // indirect
)

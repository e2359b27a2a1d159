// Package vandal edits everything a caller can reach in a value it was
// handed: a test asset for the promise that answers are values (nothing a
// caller does to an answer changes a later one).
package vandal

import (
	"reflect"
	"time"
)

// maxDepth bounds the walk, so a cycle of pointers ends.
const maxDepth = 12

// Edit changes, through p (a pointer), every exported field, slice
// element, map entry and pointee reachable from it by a caller, without
// unsafe: numbers and strings take other values, booleans flip, instants
// move, maps gain and lose entries, and each slice is also written past its
// length, up to its capacity, where an append of the caller's would write.
// Unexported fields are out of a caller's reach and left alone.
func Edit(p any) {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return
	}
	edit(v.Elem(), 0)
}

// Zero writes the zero value through v wherever v is or holds a pointer,
// as a caller's *p = T{} would: a pointer's pointee, the pointers an
// interface holds, and those in the exported fields of a struct v is or
// points to, to maxDepth. What v holds by value is v's own copy, and an
// unexported field is out of a caller's reach: both are left alone, so a
// handle that is a value with unexported fields comes through untouched.
func Zero(v any) { zero(reflect.ValueOf(v), 0) }

func zero(v reflect.Value, depth int) {
	if depth > maxDepth || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			e := v.Elem()
			zero(e, depth+1)
			e.Set(reflect.Zero(e.Type()))
		}
	case reflect.Interface:
		if !v.IsNil() {
			zero(v.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				zero(v.Field(i), depth+1)
			}
		}
	}
}

var timeType = reflect.TypeFor[time.Time]()

func edit(v reflect.Value, depth int) {
	if depth > maxDepth || !v.IsValid() {
		return
	}
	if v.Type() == timeType {
		if v.CanSet() {
			v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour)))
		}
		return
	}
	if v.CanSet() && editScalar(v) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			edit(v.Elem(), depth+1)
		}
	case reflect.Interface:
		// The dynamic value of an interface is not settable in place; a
		// pointer inside it is followed.
		if e := v.Elem(); !v.IsNil() && e.Kind() == reflect.Pointer && !e.IsNil() {
			edit(e.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				edit(v.Field(i), depth+1)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			edit(v.Index(i), depth+1)
		}
	case reflect.Slice:
		editSlice(v, depth)
	case reflect.Map:
		editMap(v, depth)
	}
}

// editScalar gives a settable number, string or boolean another value and
// reports whether v was one.
func editScalar(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(v.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.String:
		v.SetString(v.String() + "\\x00vandal")
	default:
		return false
	}
	return true
}

// editSlice edits every element of v, and past its length up to its
// capacity, where an append of the caller's would write.
func editSlice(v reflect.Value, depth int) {
	if v.IsNil() {
		return
	}
	full := v.Slice3(0, v.Cap(), v.Cap())
	for i := range full.Len() {
		edit(full.Index(i), depth+1)
	}
}

// editMap edits every entry of v and adds or removes the zero key.
func editMap(v reflect.Value, depth int) {
	if v.IsNil() {
		return
	}
	for _, k := range v.MapKeys() {
		e := reflect.New(v.Type().Elem()).Elem()
		e.Set(v.MapIndex(k))
		edit(e, depth+1)
		v.SetMapIndex(k, e)
	}
	if k := reflect.New(v.Type().Key()).Elem(); v.MapIndex(k).IsValid() {
		v.SetMapIndex(k, reflect.Value{})
	} else {
		v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
	}
}

#!/bin/sh
# make fuzz-seeds: each seed of the ucall fuzzer still reaches what it was
# written for (tests/fuzz/seeds.expect).  A seed whose scenario an ABI change
# broke (the ESM protocol's steps, say) would otherwise start the fuzzer
# from an early refusal, and nothing would say so.
# usage: seeds.sh FUZZ_BIN CORPUS_DIR EXPECT_FILE
bin=$1 dir=$2 expect=$3
fail=0 n=0
for f in "$dir"/*; do
	name=$(basename "$f")
	want=$(awk -v s="$name" '$1 == s { $1 = ""; print }' "$expect")
	if [ -z "$want" ]; then
		echo "fuzz-seeds: $name has no line in $expect"
		fail=1
		continue
	fi
	got=$(FUZZ_REACH=1 "$bin" -runs=1 "$f" 2>&1 | sed -n 's/^reached://p' | tail -n 1)
	for w in $want; do
		case " $got " in
		*" $w "*) ;;
		*) echo "fuzz-seeds: $name does not reach $w (it reached:$got)"; fail=1 ;;
		esac
	done
	n=$((n + 1))
done
for s in $(awk '!/^#/ && NF { print $1 }' "$expect"); do
	[ -e "$dir/$s" ] || { echo "fuzz-seeds: $s listed but not in $dir"; fail=1; }
done
[ $fail -eq 0 ] && echo "fuzz-seeds: $n seeds, each reaches what $expect says"
exit $fail

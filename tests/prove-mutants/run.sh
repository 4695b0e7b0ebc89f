#!/bin/sh
# Mutants the proof must reject (issue 12 item 3 and 4): each is a plausible
# mistake in the C core that a test might miss, applied with sed to a copy
# of the sources; WP is run on the functions whose contracts the mistake
# breaks, with no cache, and must leave at least one goal unproved.  A
# mutant whose sed does not apply counts as surviving.
#
#   CORE_SRCS="..." CORE_INC="..." sh tests/prove-mutants/run.sh FRAMA-C-FLAGS...
# (from mk/prove-mutants.mk: the core's files and include flags are the
# Makefile's, so that the mutants are proved over what `make prove` proves)
# Exit status 0 only if every mutant is rejected.
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
killed=0 survived=0
mutant() { # name file functions sed-expression
	name=$1 file=$2 fcts=$3 expr=$4
	rm -rf "$T/tree"; mkdir -p "$T/tree"
	cp -r src spec "$T/tree/"
	sed "$expr" "$file" > "$T/tree/$file"
	if cmp -s "$file" "$T/tree/$file"; then
		echo "mutant '$name': sed did not apply"; survived=$((survived + 1)); return
	fi
	# shellcheck disable=SC2086
	( cd "$T/tree" && frama-c -cpp-extra-args="$CORE_INC" $FLAGS -wp-cache none \
		-wp-fct "$fcts" $CORE > "$T/log" 2>&1 )
	line=$(sed -n 's/.*Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1 \2/p' "$T/log" | tail -n 1)
	p=${line% *} t=${line#* }
	if [ -z "$line" ]; then
		echo "mutant '$name': frama-c did not run"; tail -n 5 "$T/log"
		survived=$((survived + 1))
	elif [ "$p" = "$t" ]; then
		echo "SURVIVED: $name ($p / $t goals proved)"
		survived=$((survived + 1))
	else
		echo "rejected: $name ($p / $t goals proved)"
		killed=$((killed + 1))
	fi
}
FLAGS="$*"
CORE=${CORE_SRCS:?CORE_SRCS is unset: run it as make prove-mutants}
CORE_INC=${CORE_INC:?CORE_INC is unset: run it as make prove-mutants}
run() { mutant "$@"; }
run "the guest resumed after UV_ESM in ultravisor state (HV set)" \
	src/guest/svm.c esm_resume \
	's/\tf->usrr1 = msr;/\tf->usrr1 = msr | UV_MSR_HV;/'
run "the guest resumed after UV_ESM at PC 0" \
	src/guest/svm.c esm_resume \
	's/\tf->usrr1 = msr;/\tf->usrr1 = msr;\n\tf->usrr0 = 0;/'
run "a reflected hcall's guest resumed with the hypervisor's MSR" \
	src/guest/reflect.c uv_reflect_return \
	's/f->usrr1 = (msr \& UV_MSR_NOT_HV) | UV_MSR_S;/f->usrr1 = UV_HV_MSR;/'
run "the program interrupt delivered in hypervisor state" \
	src/guest/svm_sc.c deliver_prog \
	's/| UV_PROG_MSR_SET;/| UV_PROG_MSR_SET | UV_MSR_HV;/'
run "UV_PAGE_IN fills an empty page of a secure guest" \
	src/mem/pages.c uv_page_in \
	's/\t\treturn uv_set_rc(f, U_PERMISSION);/\t\t;/'
run "an unshared page left to the hypervisor (SHARED kept)" \
	src/mem/pages.c gfn_unshare \
	's/\t\tuv_state.gfn\[k\]\[i\] = GFN_EMPTY;/\t\t;/'
echo "proof mutants: $killed rejected, $survived survived"
[ "$survived" -eq 0 ]

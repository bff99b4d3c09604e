# Copies input to output with every UUID replaced by <N>, numbered in order
# of first appearance and padded to the UUID's width (the all-zeros UUID
# is kept), so that the output of two servers can be compared.
BEGIN {
    # No {n} intervals: mawk lacks them.
    h = "[0-9a-f]"
    h4 = h h h h
    re = h4 h4 "-" h4 "-" h4 "-" h4 "-" h4 h4 h4
    zero = "00000000-0000-0000-0000-000000000000"
    n = 0
}
{
    out = ""
    line = $0
    while (match(line, re)) {
        u = substr(line, RSTART, RLENGTH)
        if (u != zero && !(u in names)) {
            names[u] = sprintf("%-36s", "<" n++ ">")
        }
        out = out substr(line, 1, RSTART - 1) (u == zero ? u : names[u])
        line = substr(line, RSTART + RLENGTH)
    }
    print out line
}

# gen-abi-header.awk — turns the project's abi.tsv into a C header for the illumos ABI personality.
#
#   awk -f gen-abi-header.awk abi.tsv > illumos_abi.h
#
# Every numeric row of os "illumos" becomes  #define IL_<NAME> <value>  and every numeric row of os
# "linux" becomes  #define LX_<NAME> <value>, where <NAME> is the row's name upper-cased with every
# run of other characters turned into one underscore:
#   SOCK_SEQPACKET                          -> IL_SOCK_SEQPACKET
#   sizeof(struct msghdr)                   -> IL_SIZEOF_STRUCT_MSGHDR
#   offsetof(struct msghdr,msg_iovlen)      -> IL_OFFSETOF_STRUCT_MSGHDR_MSG_IOVLEN
#   sizeof(struct msghdr.msg_iovlen)        -> IL_SIZEOF_STRUCT_MSGHDR_MSG_IOVLEN
#   offset of CMSG_DATA from cmsghdr start  -> IL_OFFSET_OF_CMSG_DATA_FROM_CMSGHDR_START
# Rows whose value is "?", "n/a" or text are left out (the personality then cannot use them, which
# is the point: it knows only what the table knows). ABI_ERRNO(X) lists every errno name the table
# gives for both systems, as X(NAME, linux_value, illumos_value), in table order.
BEGIN { FS = "\t" }
NR == 1 { next }
function cname(s) {
  s = toupper(s)
  gsub(/[^A-Z0-9]+/, "_", s)
  sub(/^_+/, "", s)
  sub(/_+$/, "", s)
  return s
}
($1 == "illumos" || $1 == "linux") && $3 ~ /^-?[0-9]+$/ {
  prefix = ($1 == "illumos") ? "IL_" : "LX_"
  key = prefix cname($2)
  if (!(key in seen)) {
    seen[key] = 1
    order[++n] = key
    value[key] = $3
  }
  if ($2 ~ /^E[A-Z0-9]+$/) {
    if ($1 == "illumos") { il_errno[$2] = $3; if (!($2 in errno_seen)) { errno_seen[$2] = 1; errno_order[++ne] = $2 } }
    else { lx_errno[$2] = $3; if (!($2 in errno_seen)) { errno_seen[$2] = 1; errno_order[++ne] = $2 } }
  }
}
END {
  print "/* Generated from abi.tsv by gen-abi-header.awk at build time. Do not edit: edit abi.tsv. */"
  print "#ifndef PEELOFF_ILLUMOS_ABI_H"
  print "#define PEELOFF_ILLUMOS_ABI_H"
  for (i = 1; i <= n; i++) {
    v = value[order[i]]
    # values above INT_MAX (the SIOC* ioctl numbers) stay unsigned
    suffix = (v + 0 > 2147483647) ? "u" : ""
    printf "#define %s %s%s\n", order[i], v, suffix
  }
  print ""
  print "/* errno names the table gives for both systems: X(NAME, linux, illumos) */"
  print "#define ABI_ERRNO(X) \\"
  for (i = 1; i <= ne; i++) {
    e = errno_order[i]
    if ((e in il_errno) && (e in lx_errno)) {
      printf "  X(%s, %s, %s) \\\n", e, lx_errno[e], il_errno[e]
    }
  }
  print "  /* end */"
  print "#endif"
}

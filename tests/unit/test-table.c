/* Unit tests for lib/table: every format must reproduce OVS 3.1's bytes.
 *
 * The expected outputs below were captured from Debian's OVS 3.1
 * `ovsdb-client dump`, `monitor --timestamp` and `list-columns` and from
 * `ovs-vsctl list/find` against a private ovsdb-server; the cell data are
 * the same rows as ovsdb-client rendered them for --data=string, --data=bare
 * and --format=json.  The test rebuilds each table from those cells, the
 * way ovsdb-client does, and compares the module's output byte for byte.
 * OVS does not need to be installed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ds.h"
#include "table.h"
#include "util.h"

struct golden_cell {
    const char *string;         /* As rendered for --data=string. */
    const char *bare;           /* As rendered for --data=bare. */
    const char *json;           /* The cell's JSON (--format=json). */
};

struct golden_table {
    const char *caption;
    const char *headings[8];
    size_t n_columns;
    size_t n_rows;
    const struct golden_cell *cells;    /* N_ROWS * N_COLUMNS. */
};

struct golden_output {
    const char *args;           /* ovsdb-client dump options. */
    const char *expected;       /* What OVS 3.1 printed. */
};

/* Captured data (generated from the real tools' output; do not edit by
 * hand).  Database G: tables a_empty (no rows) and b (strings with spaces,
 * quotes, HTML metacharacters, a newline and a tab, UTF-8; integers;
 * reals; sets; maps; UUIDs).  Database H: table c, strings that exercise
 * trailing spaces, control characters, UTF-8 truncation and UUID
 * detection in HTML. */
static const struct golden_table g_tables[] = {
    {
        "a_empty table",
        { "_uuid", "n", "name" },
        3, 0,
        NULL,
    },
    {
        "b table",
        { "_uuid", "m", "n", "name", "r", "ref", "tags" },
        7, 4,
        (const struct golden_cell[]) {
            { "c6d6a8b0-e5bd-4f2f-b121-a292df58a660",
              "c6d6a8b0-e5bd-4f2f-b121-a292df58a660",
              "[\"uuid\",\"c6d6a8b0-e5bd-4f2f-b121-a292df58a660\"]" },
            { "{}", "", "[\"map\",[]]" },
            { "-7", "-7", "-7" },
            { "\"ünïcödé\"", "ünïcödé", "\"ünïcödé\"" },
            { "0.1", "0.1", "0.1" },
            { "00000000-0000-0000-0000-000000000000",
              "00000000-0000-0000-0000-000000000000",
              "[\"uuid\",\"00000000-0000-0000-0000-000000000000\"]" },
            { "[]", "", "[\"set\",[]]" },
            { "694ad6b8-bd43-4dba-a0c7-f663e0162f09",
              "694ad6b8-bd43-4dba-a0c7-f663e0162f09",
              "[\"uuid\",\"694ad6b8-bd43-4dba-a0c7-f663e0162f09\"]" },
            { "{}", "", "[\"map\",[]]" },
            { "0", "0", "0" },
            { "\"<b>&amp;\\\"it's\\\"</b>\"",
              "<b>&amp;\"it's\"</b>",
              "\"<b>&amp;\\\"it's\\\"</b>\"" },
            { "100", "100", "100" },
            { "00000000-0000-0000-0000-000000000000",
              "00000000-0000-0000-0000-000000000000",
              "[\"uuid\",\"00000000-0000-0000-0000-000000000000\"]" },
            { "[x]", "x", "\"x\"" },
            { "7bfff8e8-6245-4db3-b783-8a70ee3b593b",
              "7bfff8e8-6245-4db3-b783-8a70ee3b593b",
              "[\"uuid\",\"7bfff8e8-6245-4db3-b783-8a70ee3b593b\"]" },
            { "{}", "", "[\"map\",[]]" },
            { "1234567890123", "1234567890123", "1234567890123" },
            { "\"line1\\nline2\\tend \"",
              "line1\n"
              "line2\tend ",
              "\"line1\\nline2\\tend \"" },
            { "-2.5e-07", "-2.5e-07", "-2.5e-07" },
            { "00000000-0000-0000-0000-000000000000",
              "00000000-0000-0000-0000-000000000000",
              "[\"uuid\",\"00000000-0000-0000-0000-000000000000\"]" },
            { "[\"\", only]", " only", "[\"set\",[\"\",\"only\"]]" },
            { "ed7f9a64-ac43-46db-be85-3b339984e6fb",
              "ed7f9a64-ac43-46db-be85-3b339984e6fb",
              "[\"uuid\",\"ed7f9a64-ac43-46db-be85-3b339984e6fb\"]" },
            { "{k=\"v,2\", q=\"\\\"x\\\"\"}",
              "k=v,2 q=\"x\"",
              "[\"map\",[[\"k\",\"v,2\"],[\"q\",\"\\\"x\\\"\"]]]" },
            { "42", "42", "42" },
            { "\"hello world\"", "hello world", "\"hello world\"" },
            { "1.5", "1.5", "1.5" },
            { "01234567-89ab-cdef-0123-456789abcdef",
              "01234567-89ab-cdef-0123-456789abcdef",
              "[\"uuid\",\"01234567-89ab-cdef-0123-456789abcdef\"]" },
            { "[\"a b\", \"c,d\"]", "a b c,d", "[\"set\",[\"a b\",\"c,d\"]]" },
        },
    },
};
static const struct golden_output g_outputs[] = {
    { "",
      "a_empty table\n"
      "_uuid n name\n"
      "----- - ----\n"
      "\n"
      "b table\n"
      "_uuid                                m                    n "
      "            name                   r        ref             "
      "                     tags\n"
      "------------------------------------ -------------------- --"
      "----------- ---------------------- -------- ----------------"
      "-------------------- --------------\n"
      "c6d6a8b0-e5bd-4f2f-b121-a292df58a660 {}                   -7"
      "            \"ünïcödé\"          0.1      00000000-0000-0000"
      "-0000-000000000000 []\n"
      "694ad6b8-bd43-4dba-a0c7-f663e0162f09 {}                   0 "
      "            \"<b>&amp;\\\"it's\\\"</b>\" 100      00000000-0"
      "000-0000-0000-000000000000 [x]\n"
      "7bfff8e8-6245-4db3-b783-8a70ee3b593b {}                   12"
      "34567890123 \"line1\\nline2\\tend \"   -2.5e-07 00000000-000"
      "0-0000-0000-000000000000 [\"\", only]\n"
      "ed7f9a64-ac43-46db-be85-3b339984e6fb {k=\"v,2\", q=\"\\\"x\\"
      "\"\"} 42            \"hello world\"          1.5      012345"
      "67-89ab-cdef-0123-456789abcdef [\"a b\", \"c,d\"]\n" },
    { "--no-headings",
      "a_empty table\n"
      "\n"
      "b table\n"
      "c6d6a8b0-e5bd-4f2f-b121-a292df58a660 {}                   -7"
      "            \"ünïcödé\"          0.1      00000000-0000-0000"
      "-0000-000000000000 []\n"
      "694ad6b8-bd43-4dba-a0c7-f663e0162f09 {}                   0 "
      "            \"<b>&amp;\\\"it's\\\"</b>\" 100      00000000-0"
      "000-0000-0000-000000000000 [x]\n"
      "7bfff8e8-6245-4db3-b783-8a70ee3b593b {}                   12"
      "34567890123 \"line1\\nline2\\tend \"   -2.5e-07 00000000-000"
      "0-0000-0000-000000000000 [\"\", only]\n"
      "ed7f9a64-ac43-46db-be85-3b339984e6fb {k=\"v,2\", q=\"\\\"x\\"
      "\"\"} 42            \"hello world\"          1.5      012345"
      "67-89ab-cdef-0123-456789abcdef [\"a b\", \"c,d\"]\n" },
    { "--data=bare",
      "a_empty table\n"
      "_uuid n name\n"
      "----- - ----\n"
      "\n"
      "b table\n"
      "_uuid                                m           n          "
      "   name               r        ref                          "
      "        tags\n"
      "------------------------------------ ----------- -----------"
      "-- ------------------ -------- -----------------------------"
      "------- -------\n"
      "c6d6a8b0-e5bd-4f2f-b121-a292df58a660             -7         "
      "   ünïcödé        0.1      00000000-0000-0000-0000-000000000"
      "000\n"
      "694ad6b8-bd43-4dba-a0c7-f663e0162f09             0          "
      "   <b>&amp;\"it's\"</b> 100      00000000-0000-0000-0000-000"
      "000000000 x\n"
      "7bfff8e8-6245-4db3-b783-8a70ee3b593b             12345678901"
      "23 line1\n"
      "line2\tend    -2.5e-07 00000000-0000-0000-0000-000000000000 "
      " only\n"
      "ed7f9a64-ac43-46db-be85-3b339984e6fb k=v,2 q=\"x\" 42       "
      "     hello world        1.5      01234567-89ab-cdef-0123-456"
      "789abcdef a b c,d\n" },
    { "--data=json",
      "a_empty table\n"
      "_uuid n name\n"
      "----- - ----\n"
      "\n"
      "b table\n"
      "_uuid                                           m           "
      "                        n             name                  "
      " r        ref                                             ta"
      "gs\n"
      "----------------------------------------------- ------------"
      "----------------------- ------------- ----------------------"
      " -------- ----------------------------------------------- --"
      "-------------------\n"
      "[\"uuid\",\"c6d6a8b0-e5bd-4f2f-b121-a292df58a660\"] [\"map\""
      ",[]]                          -7            \"ünïcödé\"     "
      "     0.1      [\"uuid\",\"00000000-0000-0000-0000-0000000000"
      "00\"] [\"set\",[]]\n"
      "[\"uuid\",\"694ad6b8-bd43-4dba-a0c7-f663e0162f09\"] [\"map\""
      ",[]]                          0             \"<b>&amp;\\\"it"
      "'s\\\"</b>\" 100      [\"uuid\",\"00000000-0000-0000-0000-00"
      "0000000000\"] \"x\"\n"
      "[\"uuid\",\"7bfff8e8-6245-4db3-b783-8a70ee3b593b\"] [\"map\""
      ",[]]                          1234567890123 \"line1\\nline2"
      "\\tend \"   -2.5e-07 [\"uuid\",\"00000000-0000-0000-0000-000"
      "000000000\"] [\"set\",[\"\",\"only\"]]\n"
      "[\"uuid\",\"ed7f9a64-ac43-46db-be85-3b339984e6fb\"] [\"map\""
      ",[[\"k\",\"v,2\"],[\"q\",\"\\\"x\\\"\"]]] 42            \"he"
      "llo world\"          1.5      [\"uuid\",\"01234567-89ab-cdef"
      "-0123-456789abcdef\"] [\"set\",[\"a b\",\"c,d\"]]\n" },
    { "--max-column-width=5",
      "a_empty table\n"
      "_uuid n name\n"
      "----- - ----\n"
      "\n"
      "b table\n"
      "_uuid m     n     name  r     ref   tags\n"
      "----- ----- ----- ----- ----- ----- -----\n"
      "c6d6a {}    -7    \"ün\303 0.1   00000 []\n"
      "694ad {}    0     \"<b>& 100   00000 [x]\n"
      "7bfff {}    12345 \"line -2.5e 00000 [\"\",\n"
      "ed7f9 {k=\"v 42    \"hell 1.5   01234 [\"a b\n" },
    { "--format=list",
      "a_empty table\n"
      "\n"
      "b table\n"
      "_uuid               : c6d6a8b0-e5bd-4f2f-b121-a292df58a660\n"
      "m                   : {}\n"
      "n                   : -7\n"
      "name                : \"ünïcödé\"\n"
      "r                   : 0.1\n"
      "ref                 : 00000000-0000-0000-0000-000000000000\n"
      "tags                : []\n"
      "\n"
      "_uuid               : 694ad6b8-bd43-4dba-a0c7-f663e0162f09\n"
      "m                   : {}\n"
      "n                   : 0\n"
      "name                : \"<b>&amp;\\\"it's\\\"</b>\"\n"
      "r                   : 100\n"
      "ref                 : 00000000-0000-0000-0000-000000000000\n"
      "tags                : [x]\n"
      "\n"
      "_uuid               : 7bfff8e8-6245-4db3-b783-8a70ee3b593b\n"
      "m                   : {}\n"
      "n                   : 1234567890123\n"
      "name                : \"line1\\nline2\\tend \"\n"
      "r                   : -2.5e-07\n"
      "ref                 : 00000000-0000-0000-0000-000000000000\n"
      "tags                : [\"\", only]\n"
      "\n"
      "_uuid               : ed7f9a64-ac43-46db-be85-3b339984e6fb\n"
      "m                   : {k=\"v,2\", q=\"\\\"x\\\"\"}\n"
      "n                   : 42\n"
      "name                : \"hello world\"\n"
      "r                   : 1.5\n"
      "ref                 : 01234567-89ab-cdef-0123-456789abcdef\n"
      "tags                : [\"a b\", \"c,d\"]\n" },
    { "--bare",
      "a_empty table\n"
      "\n"
      "b table\n"
      "c6d6a8b0-e5bd-4f2f-b121-a292df58a660\n"
      "\n"
      "-7\n"
      "ünïcödé\n"
      "0.1\n"
      "00000000-0000-0000-0000-000000000000\n"
      "\n"
      "\n"
      "694ad6b8-bd43-4dba-a0c7-f663e0162f09\n"
      "\n"
      "0\n"
      "<b>&amp;\"it's\"</b>\n"
      "100\n"
      "00000000-0000-0000-0000-000000000000\n"
      "x\n"
      "\n"
      "7bfff8e8-6245-4db3-b783-8a70ee3b593b\n"
      "\n"
      "1234567890123\n"
      "line1\n"
      "line2\tend \n"
      "-2.5e-07\n"
      "00000000-0000-0000-0000-000000000000\n"
      " only\n"
      "\n"
      "ed7f9a64-ac43-46db-be85-3b339984e6fb\n"
      "k=v,2 q=\"x\"\n"
      "42\n"
      "hello world\n"
      "1.5\n"
      "01234567-89ab-cdef-0123-456789abcdef\n"
      "a b c,d\n" },
    { "--format=list --data=json",
      "a_empty table\n"
      "\n"
      "b table\n"
      "_uuid               : [\"uuid\",\"c6d6a8b0-e5bd-4f2f-b121-a2"
      "92df58a660\"]\n"
      "m                   : [\"map\",[]]\n"
      "n                   : -7\n"
      "name                : \"ünïcödé\"\n"
      "r                   : 0.1\n"
      "ref                 : [\"uuid\",\"00000000-0000-0000-0000-00"
      "0000000000\"]\n"
      "tags                : [\"set\",[]]\n"
      "\n"
      "_uuid               : [\"uuid\",\"694ad6b8-bd43-4dba-a0c7-f6"
      "63e0162f09\"]\n"
      "m                   : [\"map\",[]]\n"
      "n                   : 0\n"
      "name                : \"<b>&amp;\\\"it's\\\"</b>\"\n"
      "r                   : 100\n"
      "ref                 : [\"uuid\",\"00000000-0000-0000-0000-00"
      "0000000000\"]\n"
      "tags                : \"x\"\n"
      "\n"
      "_uuid               : [\"uuid\",\"7bfff8e8-6245-4db3-b783-8a"
      "70ee3b593b\"]\n"
      "m                   : [\"map\",[]]\n"
      "n                   : 1234567890123\n"
      "name                : \"line1\\nline2\\tend \"\n"
      "r                   : -2.5e-07\n"
      "ref                 : [\"uuid\",\"00000000-0000-0000-0000-00"
      "0000000000\"]\n"
      "tags                : [\"set\",[\"\",\"only\"]]\n"
      "\n"
      "_uuid               : [\"uuid\",\"ed7f9a64-ac43-46db-be85-3b"
      "339984e6fb\"]\n"
      "m                   : [\"map\",[[\"k\",\"v,2\"],[\"q\",\"\\"
      "\"x\\\"\"]]]\n"
      "n                   : 42\n"
      "name                : \"hello world\"\n"
      "r                   : 1.5\n"
      "ref                 : [\"uuid\",\"01234567-89ab-cdef-0123-45"
      "6789abcdef\"]\n"
      "tags                : [\"set\",[\"a b\",\"c,d\"]]\n" },
    { "--format=csv",
      "a_empty table\n"
      "_uuid,n,name\n"
      "\n"
      "b table\n"
      "_uuid,m,n,name,r,ref,tags\n"
      "c6d6a8b0-e5bd-4f2f-b121-a292df58a660,{},-7,\"\"\"ünïcödé\"\""
      "\",0.1,00000000-0000-0000-0000-000000000000,[]\n"
      "694ad6b8-bd43-4dba-a0c7-f663e0162f09,{},0,\"\"\"<b>&amp;\\\""
      "\"it's\\\"\"</b>\"\"\",100,00000000-0000-0000-0000-000000000"
      "000,[x]\n"
      "7bfff8e8-6245-4db3-b783-8a70ee3b593b,{},1234567890123,\"\"\""
      "line1\\nline2\\tend \"\"\",-2.5e-07,00000000-0000-0000-0000-"
      "000000000000,\"[\"\"\"\", only]\"\n"
      "ed7f9a64-ac43-46db-be85-3b339984e6fb,\"{k=\"\"v,2\"\", q=\""
      "\"\\\"\"x\\\"\"\"\"}\",42,\"\"\"hello world\"\"\",1.5,012345"
      "67-89ab-cdef-0123-456789abcdef,\"[\"\"a b\"\", \"\"c,d\"\"]"
      "\"\n" },
    { "--format=csv --data=bare",
      "a_empty table\n"
      "_uuid,n,name\n"
      "\n"
      "b table\n"
      "_uuid,m,n,name,r,ref,tags\n"
      "c6d6a8b0-e5bd-4f2f-b121-a292df58a660,,-7,ünïcödé,0.1,0000000"
      "0-0000-0000-0000-000000000000,\n"
      "694ad6b8-bd43-4dba-a0c7-f663e0162f09,,0,\"<b>&amp;\"\"it's\""
      "\"</b>\",100,00000000-0000-0000-0000-000000000000,x\n"
      "7bfff8e8-6245-4db3-b783-8a70ee3b593b,,1234567890123,\"line1"
      "\n"
      "line2\tend \",-2.5e-07,00000000-0000-0000-0000-000000000000,"
      " only\n"
      "ed7f9a64-ac43-46db-be85-3b339984e6fb,\"k=v,2 q=\"\"x\"\"\",4"
      "2,hello world,1.5,01234567-89ab-cdef-0123-456789abcdef,\"a b"
      " c,d\"\n" },
    { "--format=csv --data=json --no-headings",
      "a_empty table\n"
      "\n"
      "b table\n"
      "\"[\"\"uuid\"\",\"\"c6d6a8b0-e5bd-4f2f-b121-a292df58a660\"\""
      "]\",\"[\"\"map\"\",[]]\",-7,\"\"\"ünïcödé\"\"\",0.1,\"[\"\"u"
      "uid\"\",\"\"00000000-0000-0000-0000-000000000000\"\"]\",\"["
      "\"\"set\"\",[]]\"\n"
      "\"[\"\"uuid\"\",\"\"694ad6b8-bd43-4dba-a0c7-f663e0162f09\"\""
      "]\",\"[\"\"map\"\",[]]\",0,\"\"\"<b>&amp;\\\"\"it's\\\"\"</b"
      ">\"\"\",100,\"[\"\"uuid\"\",\"\"00000000-0000-0000-0000-0000"
      "00000000\"\"]\",\"\"\"x\"\"\"\n"
      "\"[\"\"uuid\"\",\"\"7bfff8e8-6245-4db3-b783-8a70ee3b593b\"\""
      "]\",\"[\"\"map\"\",[]]\",1234567890123,\"\"\"line1\\nline2"
      "\\tend \"\"\",-2.5e-07,\"[\"\"uuid\"\",\"\"00000000-0000-000"
      "0-0000-000000000000\"\"]\",\"[\"\"set\"\",[\"\"\"\",\"\"only"
      "\"\"]]\"\n"
      "\"[\"\"uuid\"\",\"\"ed7f9a64-ac43-46db-be85-3b339984e6fb\"\""
      "]\",\"[\"\"map\"\",[[\"\"k\"\",\"\"v,2\"\"],[\"\"q\"\",\"\""
      "\\\"\"x\\\"\"\"\"]]]\",42,\"\"\"hello world\"\"\",1.5,\"[\""
      "\"uuid\"\",\"\"01234567-89ab-cdef-0123-456789abcdef\"\"]\","
      "\"[\"\"set\"\",[\"\"a b\"\",\"\"c,d\"\"]]\"\n" },
    { "--format=html",
      "<table border=1>\n"
      "    <caption>a_empty table</caption>\n"
      "  <tr>\n"
      "    <th>_uuid</th>\n"
      "    <th>n</th>\n"
      "    <th>name</th>\n"
      "  </tr>\n"
      "</table>\n"
      "<table border=1>\n"
      "    <caption>b table</caption>\n"
      "  <tr>\n"
      "    <th>_uuid</th>\n"
      "    <th>m</th>\n"
      "    <th>n</th>\n"
      "    <th>name</th>\n"
      "    <th>r</th>\n"
      "    <th>ref</th>\n"
      "    <th>tags</th>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"c6d6a8b0-e5bd-4f2f-b121-a292df58a660\">c6d"
      "6a8b0</a></td>\n"
      "    <td>{}</td>\n"
      "    <td>-7</td>\n"
      "    <td>&quot;ünïcödé&quot;</td>\n"
      "    <td>0.1</td>\n"
      "    <td><a href=\"#00000000-0000-0000-0000-000000000000\">00"
      "000000</a></td>\n"
      "    <td>[]</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"694ad6b8-bd43-4dba-a0c7-f663e0162f09\">694"
      "ad6b8</a></td>\n"
      "    <td>{}</td>\n"
      "    <td>0</td>\n"
      "    <td>&quot;&lt;b&gt;&amp;amp;\\&quot;it's\\&quot;&lt;/b&g"
      "t;&quot;</td>\n"
      "    <td>100</td>\n"
      "    <td><a href=\"#00000000-0000-0000-0000-000000000000\">00"
      "000000</a></td>\n"
      "    <td>[x]</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"7bfff8e8-6245-4db3-b783-8a70ee3b593b\">7bf"
      "ff8e8</a></td>\n"
      "    <td>{}</td>\n"
      "    <td>1234567890123</td>\n"
      "    <td>&quot;line1\\nline2\\tend &quot;</td>\n"
      "    <td>-2.5e-07</td>\n"
      "    <td><a href=\"#00000000-0000-0000-0000-000000000000\">00"
      "000000</a></td>\n"
      "    <td>[&quot;&quot;, only]</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"ed7f9a64-ac43-46db-be85-3b339984e6fb\">ed7"
      "f9a64</a></td>\n"
      "    <td>{k=&quot;v,2&quot;, q=&quot;\\&quot;x\\&quot;&quot;}"
      "</td>\n"
      "    <td>42</td>\n"
      "    <td>&quot;hello world&quot;</td>\n"
      "    <td>1.5</td>\n"
      "    <td><a href=\"#01234567-89ab-cdef-0123-456789abcdef\">01"
      "234567</a></td>\n"
      "    <td>[&quot;a b&quot;, &quot;c,d&quot;]</td>\n"
      "  </tr>\n"
      "</table>\n" },
    { "--format=html --data=bare --no-headings",
      "<table border=1>\n"
      "    <caption>a_empty table</caption>\n"
      "</table>\n"
      "<table border=1>\n"
      "    <caption>b table</caption>\n"
      "  <tr>\n"
      "    <td><a name=\"c6d6a8b0-e5bd-4f2f-b121-a292df58a660\">c6d"
      "6a8b0</a></td>\n"
      "    <td></td>\n"
      "    <td>-7</td>\n"
      "    <td>ünïcödé</td>\n"
      "    <td>0.1</td>\n"
      "    <td><a href=\"#00000000-0000-0000-0000-000000000000\">00"
      "000000</a></td>\n"
      "    <td></td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"694ad6b8-bd43-4dba-a0c7-f663e0162f09\">694"
      "ad6b8</a></td>\n"
      "    <td></td>\n"
      "    <td>0</td>\n"
      "    <td>&lt;b&gt;&amp;amp;&quot;it's&quot;&lt;/b&gt;</td>\n"
      "    <td>100</td>\n"
      "    <td><a href=\"#00000000-0000-0000-0000-000000000000\">00"
      "000000</a></td>\n"
      "    <td>x</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"7bfff8e8-6245-4db3-b783-8a70ee3b593b\">7bf"
      "ff8e8</a></td>\n"
      "    <td></td>\n"
      "    <td>1234567890123</td>\n"
      "    <td>line1\n"
      "line2\tend </td>\n"
      "    <td>-2.5e-07</td>\n"
      "    <td><a href=\"#00000000-0000-0000-0000-000000000000\">00"
      "000000</a></td>\n"
      "    <td> only</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"ed7f9a64-ac43-46db-be85-3b339984e6fb\">ed7"
      "f9a64</a></td>\n"
      "    <td>k=v,2 q=&quot;x&quot;</td>\n"
      "    <td>42</td>\n"
      "    <td>hello world</td>\n"
      "    <td>1.5</td>\n"
      "    <td><a href=\"#01234567-89ab-cdef-0123-456789abcdef\">01"
      "234567</a></td>\n"
      "    <td>a b c,d</td>\n"
      "  </tr>\n"
      "</table>\n" },
    { "--format=html --data=json",
      "<table border=1>\n"
      "    <caption>a_empty table</caption>\n"
      "  <tr>\n"
      "    <th>_uuid</th>\n"
      "    <th>n</th>\n"
      "    <th>name</th>\n"
      "  </tr>\n"
      "</table>\n"
      "<table border=1>\n"
      "    <caption>b table</caption>\n"
      "  <tr>\n"
      "    <th>_uuid</th>\n"
      "    <th>m</th>\n"
      "    <th>n</th>\n"
      "    <th>name</th>\n"
      "    <th>r</th>\n"
      "    <th>ref</th>\n"
      "    <th>tags</th>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"[&quot;uuid&quot;,&quot;c6d6a8b0-e5bd-4f2f"
      "-b121-a292df58a660&quot;]\">[&quot;uuid&quot;,</a></td>\n"
      "    <td>[&quot;map&quot;,[]]</td>\n"
      "    <td>-7</td>\n"
      "    <td>&quot;ünïcödé&quot;</td>\n"
      "    <td>0.1</td>\n"
      "    <td>[&quot;uuid&quot;,&quot;<a href=\"#00000000-0000-000"
      "0-0000-000000000000\">00000000</a>&quot;]</td>\n"
      "    <td>[&quot;set&quot;,[]]</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"[&quot;uuid&quot;,&quot;694ad6b8-bd43-4dba"
      "-a0c7-f663e0162f09&quot;]\">[&quot;uuid&quot;,</a></td>\n"
      "    <td>[&quot;map&quot;,[]]</td>\n"
      "    <td>0</td>\n"
      "    <td>&quot;&lt;b&gt;&amp;amp;\\&quot;it's\\&quot;&lt;/b&g"
      "t;&quot;</td>\n"
      "    <td>100</td>\n"
      "    <td>[&quot;uuid&quot;,&quot;<a href=\"#00000000-0000-000"
      "0-0000-000000000000\">00000000</a>&quot;]</td>\n"
      "    <td>&quot;x&quot;</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"[&quot;uuid&quot;,&quot;7bfff8e8-6245-4db3"
      "-b783-8a70ee3b593b&quot;]\">[&quot;uuid&quot;,</a></td>\n"
      "    <td>[&quot;map&quot;,[]]</td>\n"
      "    <td>1234567890123</td>\n"
      "    <td>&quot;line1\\nline2\\tend &quot;</td>\n"
      "    <td>-2.5e-07</td>\n"
      "    <td>[&quot;uuid&quot;,&quot;<a href=\"#00000000-0000-000"
      "0-0000-000000000000\">00000000</a>&quot;]</td>\n"
      "    <td>[&quot;set&quot;,[&quot;&quot;,&quot;only&quot;]]</t"
      "d>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"[&quot;uuid&quot;,&quot;ed7f9a64-ac43-46db"
      "-be85-3b339984e6fb&quot;]\">[&quot;uuid&quot;,</a></td>\n"
      "    <td>[&quot;map&quot;,[[&quot;k&quot;,&quot;v,2&quot;],[&"
      "quot;q&quot;,&quot;\\&quot;x\\&quot;&quot;]]]</td>\n"
      "    <td>42</td>\n"
      "    <td>&quot;hello world&quot;</td>\n"
      "    <td>1.5</td>\n"
      "    <td>[&quot;uuid&quot;,&quot;<a href=\"#01234567-89ab-cde"
      "f-0123-456789abcdef\">01234567</a>&quot;]</td>\n"
      "    <td>[&quot;set&quot;,[&quot;a b&quot;,&quot;c,d&quot;]]<"
      "/td>\n"
      "  </tr>\n"
      "</table>\n" },
    { "--format=json",
      "{\"caption\":\"a_empty table\",\"data\":[],\"headings\":[\"_"
      "uuid\",\"n\",\"name\"]}\n"
      "{\"caption\":\"b table\",\"data\":[[[\"uuid\",\"c6d6a8b0-e5b"
      "d-4f2f-b121-a292df58a660\"],[\"map\",[]],-7,\"ünïcödé\",0.1,"
      "[\"uuid\",\"00000000-0000-0000-0000-000000000000\"],[\"set\""
      ",[]]],[[\"uuid\",\"694ad6b8-bd43-4dba-a0c7-f663e0162f09\"],["
      "\"map\",[]],0,\"<b>&amp;\\\"it's\\\"</b>\",100,[\"uuid\",\"0"
      "0000000-0000-0000-0000-000000000000\"],\"x\"],[[\"uuid\",\"7"
      "bfff8e8-6245-4db3-b783-8a70ee3b593b\"],[\"map\",[]],12345678"
      "90123,\"line1\\nline2\\tend \",-2.5e-07,[\"uuid\",\"00000000"
      "-0000-0000-0000-000000000000\"],[\"set\",[\"\",\"only\"]]],["
      "[\"uuid\",\"ed7f9a64-ac43-46db-be85-3b339984e6fb\"],[\"map\""
      ",[[\"k\",\"v,2\"],[\"q\",\"\\\"x\\\"\"]]],42,\"hello world\""
      ",1.5,[\"uuid\",\"01234567-89ab-cdef-0123-456789abcdef\"],[\""
      "set\",[\"a b\",\"c,d\"]]]],\"headings\":[\"_uuid\",\"m\",\"n"
      "\",\"name\",\"r\",\"ref\",\"tags\"]}\n" },
    { "--format=json --pretty",
      "{\n"
      "  \"caption\": \"a_empty table\",\n"
      "  \"data\": [],\n"
      "  \"headings\": [\n"
      "    \"_uuid\",\n"
      "    \"n\",\n"
      "    \"name\"]}\n"
      "{\n"
      "  \"caption\": \"b table\",\n"
      "  \"data\": [\n"
      "    [\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"c6d6a8b0-e5bd-4f2f-b121-a292df58a660\"],\n"
      "      [\n"
      "        \"map\",\n"
      "        []],\n"
      "      -7,\n"
      "      \"ünïcödé\",\n"
      "      0.1,\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"00000000-0000-0000-0000-000000000000\"],\n"
      "      [\n"
      "        \"set\",\n"
      "        []]],\n"
      "    [\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"694ad6b8-bd43-4dba-a0c7-f663e0162f09\"],\n"
      "      [\n"
      "        \"map\",\n"
      "        []],\n"
      "      0,\n"
      "      \"<b>&amp;\\\"it's\\\"</b>\",\n"
      "      100,\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"00000000-0000-0000-0000-000000000000\"],\n"
      "      \"x\"],\n"
      "    [\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"7bfff8e8-6245-4db3-b783-8a70ee3b593b\"],\n"
      "      [\n"
      "        \"map\",\n"
      "        []],\n"
      "      1234567890123,\n"
      "      \"line1\\nline2\\tend \",\n"
      "      -2.5e-07,\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"00000000-0000-0000-0000-000000000000\"],\n"
      "      [\n"
      "        \"set\",\n"
      "        [\n"
      "          \"\",\n"
      "          \"only\"]]],\n"
      "    [\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"ed7f9a64-ac43-46db-be85-3b339984e6fb\"],\n"
      "      [\n"
      "        \"map\",\n"
      "        [\n"
      "          [\n"
      "            \"k\",\n"
      "            \"v,2\"],\n"
      "          [\n"
      "            \"q\",\n"
      "            \"\\\"x\\\"\"]]],\n"
      "      42,\n"
      "      \"hello world\",\n"
      "      1.5,\n"
      "      [\n"
      "        \"uuid\",\n"
      "        \"01234567-89ab-cdef-0123-456789abcdef\"],\n"
      "      [\n"
      "        \"set\",\n"
      "        [\n"
      "          \"a b\",\n"
      "          \"c,d\"]]]],\n"
      "  \"headings\": [\n"
      "    \"_uuid\",\n"
      "    \"m\",\n"
      "    \"n\",\n"
      "    \"name\",\n"
      "    \"r\",\n"
      "    \"ref\",\n"
      "    \"tags\"]}\n" },
};
static const struct golden_table h_tables[] = {
    {
        "c table",
        { "_uuid", "name" },
        2, 13,
        (const struct golden_cell[]) {
            { "8fcd6ded-bbc0-4532-bb1e-4b431074ec0b",
              "8fcd6ded-bbc0-4532-bb1e-4b431074ec0b",
              "[\"uuid\",\"8fcd6ded-bbc0-4532-bb1e-4b431074ec0b\"]" },
            { "\"\"", "", "\"\"" },
            { "3b6eb039-8f9f-40b4-8752-43ff1adef167",
              "3b6eb039-8f9f-40b4-8752-43ff1adef167",
              "[\"uuid\",\"3b6eb039-8f9f-40b4-8752-43ff1adef167\"]" },
            { "\"0d1234567-89ab-cdef-0123-456789abcdef\"",
              "0d1234567-89ab-cdef-0123-456789abcdef",
              "\"0d1234567-89ab-cdef-0123-456789abcdef\"" },
            { "eabd6015-d0f3-4dd4-9658-0305439bf0a8",
              "eabd6015-d0f3-4dd4-9658-0305439bf0a8",
              "[\"uuid\",\"eabd6015-d0f3-4dd4-9658-0305439bf0a8\"]" },
            { "\"A1234567-89AB-CDEF-0123-456789ABCDEF\"",
              "A1234567-89AB-CDEF-0123-456789ABCDEF",
              "\"A1234567-89AB-CDEF-0123-456789ABCDEF\"" },
            { "4d78efe9-792a-493b-994a-d07b51cd3a97",
              "4d78efe9-792a-493b-994a-d07b51cd3a97",
              "[\"uuid\",\"4d78efe9-792a-493b-994a-d07b51cd3a97\"]" },
            { "\"a1234567-89ab-cdef-0123-456789abcdef0 b1234567-89ab-cdef-0"
              "123-456789abcdef\"",
              "a1234567-89ab-cdef-0123-456789abcdef0 b1234567-89ab-cdef-012"
              "3-456789abcdef",
              "\"a1234567-89ab-cdef-0123-456789abcdef0 b1234567-89ab-cdef-0"
              "123-456789abcdef\"" },
            { "d3872c24-84f2-4c5a-98e9-d109c900cb71",
              "d3872c24-84f2-4c5a-98e9-d109c900cb71",
              "[\"uuid\",\"d3872c24-84f2-4c5a-98e9-d109c900cb71\"]" },
            { "c1234567-89ab-cdef-0123-456789abcde",
              "c1234567-89ab-cdef-0123-456789abcde",
              "\"c1234567-89ab-cdef-0123-456789abcde\"" },
            { "3f001e3f-bd3b-4ba6-b66b-8ababd0f502f",
              "3f001e3f-bd3b-4ba6-b66b-8ababd0f502f",
              "[\"uuid\",\"3f001e3f-bd3b-4ba6-b66b-8ababd0f502f\"]" },
            { "\"cr\\rlf\"", "cr\015lf", "\"cr\\rlf\"" },
            { "dc454119-ee72-4325-9ebe-b17c9ac1e7b0",
              "dc454119-ee72-4325-9ebe-b17c9ac1e7b0",
              "[\"uuid\",\"dc454119-ee72-4325-9ebe-b17c9ac1e7b0\"]" },
            { "\"crsp\\r \"", "crsp\015 ", "\"crsp\\r \"" },
            { "de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1",
              "de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1",
              "[\"uuid\",\"de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1\"]" },
            { "\"semi;colon\"", "semi;colon", "\"semi;colon\"" },
            { "faf4e15f-5871-4c26-830a-c5dd38241c51",
              "faf4e15f-5871-4c26-830a-c5dd38241c51",
              "[\"uuid\",\"faf4e15f-5871-4c26-830a-c5dd38241c51\"]" },
            { "\"sp \\nx\"",
              "sp \n"
              "x",
              "\"sp \\nx\"" },
            { "a50560cc-0061-410f-a9ce-5345a83b4da4",
              "a50560cc-0061-410f-a9ce-5345a83b4da4",
              "[\"uuid\",\"a50560cc-0061-410f-a9ce-5345a83b4da4\"]" },
            { "\"tab\\t\"", "tab\t", "\"tab\\t\"" },
            { "fb738908-3358-4c77-85ae-71ae8050739e",
              "fb738908-3358-4c77-85ae-71ae8050739e",
              "[\"uuid\",\"fb738908-3358-4c77-85ae-71ae8050739e\"]" },
            { "\"trail \"", "trail ", "\"trail \"" },
            { "3623bd39-5d4f-412c-a8f8-7c63820c8bfe",
              "3623bd39-5d4f-412c-a8f8-7c63820c8bfe",
              "[\"uuid\",\"3623bd39-5d4f-412c-a8f8-7c63820c8bfe\"]" },
            { "x01234567-89ab-cdef-0123-456789abcdefy",
              "x01234567-89ab-cdef-0123-456789abcdefy",
              "\"x01234567-89ab-cdef-0123-456789abcdefy\"" },
            { "7d7fe0f1-66dc-4945-b486-f26678abf956",
              "7d7fe0f1-66dc-4945-b486-f26678abf956",
              "[\"uuid\",\"7d7fe0f1-66dc-4945-b486-f26678abf956\"]" },
            { "\"ééééé\"", "ééééé", "\"ééééé\"" },
        },
    },
};
static const struct golden_output h_outputs[] = {
    { "--data=bare --max-column-width=5",
      "c table\n"
      "_uuid name\n"
      "----- -----\n"
      "8fcd6\n"
      "3b6eb 0d123\n"
      "eabd6 A1234\n"
      "4d78e a1234\n"
      "d3872 c1234\n"
      "3f001 cr\015lf\n"
      "dc454 crsp\015\n"
      "de6c1 semi;\n"
      "faf4e sp \n"
      "x\n"
      "a5056 tab\t\n"
      "fb738 trail\n"
      "3623b x0123\n"
      "7d7fe éé\303\n" },
    { "--data=bare",
      "c table\n"
      "_uuid                                name\n"
      "------------------------------------ -----------------------"
      "---------------------------------------------------\n"
      "8fcd6ded-bbc0-4532-bb1e-4b431074ec0b\n"
      "3b6eb039-8f9f-40b4-8752-43ff1adef167 0d1234567-89ab-cdef-012"
      "3-456789abcdef\n"
      "eabd6015-d0f3-4dd4-9658-0305439bf0a8 A1234567-89AB-CDEF-0123"
      "-456789ABCDEF\n"
      "4d78efe9-792a-493b-994a-d07b51cd3a97 a1234567-89ab-cdef-0123"
      "-456789abcdef0 b1234567-89ab-cdef-0123-456789abcdef\n"
      "d3872c24-84f2-4c5a-98e9-d109c900cb71 c1234567-89ab-cdef-0123"
      "-456789abcde\n"
      "3f001e3f-bd3b-4ba6-b66b-8ababd0f502f cr\015lf\n"
      "dc454119-ee72-4325-9ebe-b17c9ac1e7b0 crsp\015\n"
      "de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1 semi;colon\n"
      "faf4e15f-5871-4c26-830a-c5dd38241c51 sp \n"
      "x\n"
      "a50560cc-0061-410f-a9ce-5345a83b4da4 tab\t\n"
      "fb738908-3358-4c77-85ae-71ae8050739e trail\n"
      "3623bd39-5d4f-412c-a8f8-7c63820c8bfe x01234567-89ab-cdef-012"
      "3-456789abcdefy\n"
      "7d7fe0f1-66dc-4945-b486-f26678abf956 ééééé\n" },
    { "--format=list --data=bare",
      "c table\n"
      "_uuid               : 8fcd6ded-bbc0-4532-bb1e-4b431074ec0b\n"
      "name                : \n"
      "\n"
      "_uuid               : 3b6eb039-8f9f-40b4-8752-43ff1adef167\n"
      "name                : 0d1234567-89ab-cdef-0123-456789abcdef"
      "\n"
      "\n"
      "_uuid               : eabd6015-d0f3-4dd4-9658-0305439bf0a8\n"
      "name                : A1234567-89AB-CDEF-0123-456789ABCDEF\n"
      "\n"
      "_uuid               : 4d78efe9-792a-493b-994a-d07b51cd3a97\n"
      "name                : a1234567-89ab-cdef-0123-456789abcdef0 "
      "b1234567-89ab-cdef-0123-456789abcdef\n"
      "\n"
      "_uuid               : d3872c24-84f2-4c5a-98e9-d109c900cb71\n"
      "name                : c1234567-89ab-cdef-0123-456789abcde\n"
      "\n"
      "_uuid               : 3f001e3f-bd3b-4ba6-b66b-8ababd0f502f\n"
      "name                : cr\015lf\n"
      "\n"
      "_uuid               : dc454119-ee72-4325-9ebe-b17c9ac1e7b0\n"
      "name                : crsp\015 \n"
      "\n"
      "_uuid               : de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1\n"
      "name                : semi;colon\n"
      "\n"
      "_uuid               : faf4e15f-5871-4c26-830a-c5dd38241c51\n"
      "name                : sp \n"
      "x\n"
      "\n"
      "_uuid               : a50560cc-0061-410f-a9ce-5345a83b4da4\n"
      "name                : tab\t\n"
      "\n"
      "_uuid               : fb738908-3358-4c77-85ae-71ae8050739e\n"
      "name                : trail \n"
      "\n"
      "_uuid               : 3623bd39-5d4f-412c-a8f8-7c63820c8bfe\n"
      "name                : x01234567-89ab-cdef-0123-456789abcdefy"
      "\n"
      "\n"
      "_uuid               : 7d7fe0f1-66dc-4945-b486-f26678abf956\n"
      "name                : ééééé\n" },
    { "--format=csv --data=bare",
      "c table\n"
      "_uuid,name\n"
      "8fcd6ded-bbc0-4532-bb1e-4b431074ec0b,\n"
      "3b6eb039-8f9f-40b4-8752-43ff1adef167,0d1234567-89ab-cdef-012"
      "3-456789abcdef\n"
      "eabd6015-d0f3-4dd4-9658-0305439bf0a8,A1234567-89AB-CDEF-0123"
      "-456789ABCDEF\n"
      "4d78efe9-792a-493b-994a-d07b51cd3a97,a1234567-89ab-cdef-0123"
      "-456789abcdef0 b1234567-89ab-cdef-0123-456789abcdef\n"
      "d3872c24-84f2-4c5a-98e9-d109c900cb71,c1234567-89ab-cdef-0123"
      "-456789abcde\n"
      "3f001e3f-bd3b-4ba6-b66b-8ababd0f502f,cr\015lf\n"
      "dc454119-ee72-4325-9ebe-b17c9ac1e7b0,crsp\015 \n"
      "de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1,semi;colon\n"
      "faf4e15f-5871-4c26-830a-c5dd38241c51,\"sp \n"
      "x\"\n"
      "a50560cc-0061-410f-a9ce-5345a83b4da4,tab\t\n"
      "fb738908-3358-4c77-85ae-71ae8050739e,trail \n"
      "3623bd39-5d4f-412c-a8f8-7c63820c8bfe,x01234567-89ab-cdef-012"
      "3-456789abcdefy\n"
      "7d7fe0f1-66dc-4945-b486-f26678abf956,ééééé\n" },
    { "--format=html --data=bare",
      "<table border=1>\n"
      "    <caption>c table</caption>\n"
      "  <tr>\n"
      "    <th>_uuid</th>\n"
      "    <th>name</th>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"8fcd6ded-bbc0-4532-bb1e-4b431074ec0b\">8fc"
      "d6ded</a></td>\n"
      "    <td></td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"3b6eb039-8f9f-40b4-8752-43ff1adef167\">3b6"
      "eb039</a></td>\n"
      "    <td>0<a href=\"#d1234567-89ab-cdef-0123-456789abcdef\">d"
      "1234567</a></td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"eabd6015-d0f3-4dd4-9658-0305439bf0a8\">eab"
      "d6015</a></td>\n"
      "    <td><a href=\"#A1234567-89AB-CDEF-0123-456789ABCDEF\">A1"
      "234567</a></td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"4d78efe9-792a-493b-994a-d07b51cd3a97\">4d7"
      "8efe9</a></td>\n"
      "    <td><a href=\"#a1234567-89ab-cdef-0123-456789abcdef\">a1"
      "234567</a>0 <a href=\"#b1234567-89ab-cdef-0123-456789abcdef"
      "\">b1234567</a></td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"d3872c24-84f2-4c5a-98e9-d109c900cb71\">d38"
      "72c24</a></td>\n"
      "    <td>c1234567-89ab-cdef-0123-456789abcde</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"3f001e3f-bd3b-4ba6-b66b-8ababd0f502f\">3f0"
      "01e3f</a></td>\n"
      "    <td>cr\015lf</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"dc454119-ee72-4325-9ebe-b17c9ac1e7b0\">dc4"
      "54119</a></td>\n"
      "    <td>crsp\015 </td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"de6c1cd9-4f16-4f38-9ede-ae9a0fee14b1\">de6"
      "c1cd9</a></td>\n"
      "    <td>semi;colon</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"faf4e15f-5871-4c26-830a-c5dd38241c51\">faf"
      "4e15f</a></td>\n"
      "    <td>sp \n"
      "x</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"a50560cc-0061-410f-a9ce-5345a83b4da4\">a50"
      "560cc</a></td>\n"
      "    <td>tab\t</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"fb738908-3358-4c77-85ae-71ae8050739e\">fb7"
      "38908</a></td>\n"
      "    <td>trail </td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"3623bd39-5d4f-412c-a8f8-7c63820c8bfe\">362"
      "3bd39</a></td>\n"
      "    <td>x<a href=\"#01234567-89ab-cdef-0123-456789abcdef\">0"
      "1234567</a>y</td>\n"
      "  </tr>\n"
      "  <tr>\n"
      "    <td><a name=\"7d7fe0f1-66dc-4945-b486-f26678abf956\">7d7"
      "fe0f1</a></td>\n"
      "    <td>ééééé</td>\n"
      "  </tr>\n"
      "</table>\n" },
};

/* Parses ARGS (space-separated options) into a style with getopt_long()
 * and the TABLE_* option macros, the way the programs do. */
static struct table_style
parse_style(const char *args)
{
    enum {
        OPT_DUMMY = UCHAR_MAX + 1,
        TABLE_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct table_style style = TABLE_STYLE_DEFAULT;
    char *copy = xstrdup(args);
    char *argv[16];
    int argc = 0;

    argv[argc++] = "test";
    for (char *save = NULL, *tok = strtok_r(copy, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        assert_true(argc < (int) ARRAY_SIZE(argv) - 1);
        argv[argc++] = tok;
    }
    argv[argc] = NULL;

    optind = 0;                 /* Fully reinitialize getopt. */
    for (;;) {
        int c = getopt_long(argc, argv, TABLE_SHORT_OPTIONS, long_options,
                            NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        TABLE_OPTION_HANDLERS(&style)
        default:
            fail_msg("unexpected option in \"%s\"", args);
        }
    }
    assert_int_equal(optind, argc);
    free(copy);
    return style;
}

/* Fills TABLE from G as a caller would: display text for the style's
 * --data, plus the JSON value. */
static void
build_table(const struct golden_table *g, const struct table_style *style,
            struct table *table)
{
    table_init(table);
    if (g->caption) {
        table_set_caption(table, xstrdup(g->caption));
    }
    for (size_t c = 0; c < g->n_columns; c++) {
        table_add_column(table, "%s", g->headings[c]);
    }
    for (size_t r = 0; r < g->n_rows; r++) {
        table_add_row(table);
        for (size_t c = 0; c < g->n_columns; c++) {
            const struct golden_cell *gc = &g->cells[r * g->n_columns + c];
            struct table_cell *cell = table_add_cell(table);
            cell->text = xstrdup(style->cell_format == TABLE_CELL_BARE
                                 ? gc->bare : gc->string);
            json_error_t error;
            cell->json = json_loads(gc->json, JSON_DECODE_ANY, &error);
            if (!cell->json) {
                fail_msg("%s: %s", gc->json, error.text);
            }
        }
    }
}

/* Formats TABLES in each of OUTPUTS' styles whose format is FORMAT and
 * compares with what OVS printed.  Returns how many were checked. */
static size_t
check_goldens(const struct golden_table *tables, size_t n_tables,
              const struct golden_output *outputs, size_t n_outputs,
              enum table_format format)
{
    size_t n_checked = 0;
    for (size_t i = 0; i < n_outputs; i++) {
        struct table_style style = parse_style(outputs[i].args);
        if (style.format != format) {
            continue;
        }
        struct ds out = DS_EMPTY_INITIALIZER;
        for (size_t t = 0; t < n_tables; t++) {
            struct table table;
            build_table(&tables[t], &style, &table);
            table_format(&table, &style, t == 0, &out);
            table_destroy(&table);
        }
        if (strcmp(ds_cstr(&out), outputs[i].expected)) {
            print_error("options \"%s\":\n", outputs[i].args);
        }
        assert_string_equal(ds_cstr(&out), outputs[i].expected);
        ds_destroy(&out);
        n_checked++;
    }
    return n_checked;
}

static void
check_format(enum table_format format)
{
    size_t n = (check_goldens(g_tables, ARRAY_SIZE(g_tables),
                              g_outputs, ARRAY_SIZE(g_outputs), format)
                + check_goldens(h_tables, ARRAY_SIZE(h_tables),
                                h_outputs, ARRAY_SIZE(h_outputs), format));
    assert_true(n > 0);
}

/* Aligned columns: widths in bytes (UTF-8 is not display-width aligned),
 * trailing spaces trimmed, --no-headings, --max-column-width cutting
 * inside a UTF-8 sequence, raw newlines in bare cells. */
static void
test_table_format(void **state OVS_UNUSED)
{
    check_format(TABLE_FORMAT_TABLE);
}

/* "%-20s: value" lines, blank lines between rows, --bare. */
static void
test_list_format(void **state OVS_UNUSED)
{
    check_format(TABLE_FORMAT_LIST);
}

/* Quoting of commas, quotes and newlines only. */
static void
test_csv_format(void **state OVS_UNUSED)
{
    check_format(TABLE_FORMAT_CSV);
}

/* Escaping, _uuid anchors, UUID links found inside any text. */
static void
test_html_format(void **state OVS_UNUSED)
{
    check_format(TABLE_FORMAT_HTML);
}

/* Sorted members, compact and --pretty layouts. */
static void
test_json_format(void **state OVS_UNUSED)
{
    check_format(TABLE_FORMAT_JSON);
}

/* ovsdb-client list-columns: the "Type" cells carry only JSON and show
 * as compact JSON text with sorted members, even with --data=bare. */
static void
test_json_only_cells(void **state OVS_UNUSED)
{
    static const char *const types[][2] = {
        { "_version", "\"uuid\"" },
        { "m", "{\"key\":\"string\",\"max\":\"unlimited\",\"min\":0,"
          "\"value\":\"string\"}" },
        { "name", "\"string\"" },
    };
    struct table table;
    table_init(&table);
    table_add_column(&table, "Column");
    table_add_column(&table, "Type");
    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        table_add_row(&table);
        table_add_cell_string(&table, types[i][0]);
        /* Unsorted on purpose: output must sort members. */
        table_add_cell(&table)->json = json_loads(
            !strcmp(types[i][0], "m")
            ? "{\"value\":\"string\",\"min\":0,\"max\":\"unlimited\","
              "\"key\":\"string\"}"
            : types[i][1], JSON_DECODE_ANY, NULL);
    }

    struct table_style style = TABLE_STYLE_DEFAULT;
    struct ds out = DS_EMPTY_INITIALIZER;
    table_format(&table, &style, true, &out);
    assert_string_equal(
        ds_cstr(&out),
        "Column   Type\n"
        "-------- "
        "-----------------------------------------------------------\n"
        "_version \"uuid\"\n"
        "m        {\"key\":\"string\",\"max\":\"unlimited\",\"min\":0,"
        "\"value\":\"string\"}\n"
        "name     \"string\"\n");

    style = parse_style("--format=list --data=bare");
    ds_clear(&out);
    table_format(&table, &style, true, &out);
    assert_string_equal(
        ds_cstr(&out),
        "Column              : _version\n"
        "Type                : \"uuid\"\n"
        "\n"
        "Column              : m\n"
        "Type                : {\"key\":\"string\",\"max\":\"unlimited\","
        "\"min\":0,\"value\":\"string\"}\n"
        "\n"
        "Column              : name\n"
        "Type                : \"string\"\n");

    style = parse_style("--format=json");
    ds_clear(&out);
    table_format(&table, &style, true, &out);
    assert_string_equal(
        ds_cstr(&out),
        "{\"data\":[[\"_version\",\"uuid\"],[\"m\",{\"key\":\"string\","
        "\"max\":\"unlimited\",\"min\":0,\"value\":\"string\"}],"
        "[\"name\",\"string\"]],\"headings\":[\"Column\",\"Type\"]}\n");
    ds_destroy(&out);
    table_destroy(&table);
}

/* ovsdb-client monitor --timestamp: an update with "old" and "new" rows
 * (empty cells for unchanged columns), after an earlier table. */
static void
test_timestamp(void **state OVS_UNUSED)
{
    static const char *const cells[2][5] = {
        { "5781e59e-6651-4204-8d9e-a1bfe58cac8f", "old", "",
          "\"new row\"", "e07a4c67-6b5a-4cc4-a6d8-017739c52127" },
        { "", "new", "5", "renamed",
          "66faced9-eb3d-4b96-b72f-7e2236672153" },
    };
    /* Timestamps are UTC whatever the time zone. */
    setenv("TZ", "America/New_York", 1);
    tzset();

    struct table table;
    table_init(&table);
    table_set_timestamp(&table, 1795316508790LL);
    table_add_column(&table, "row");
    table_add_column(&table, "action");
    table_add_column(&table, "n");
    table_add_column(&table, "name");
    table_add_column(&table, "_version");
    for (size_t r = 0; r < 2; r++) {
        table_add_row(&table);
        for (size_t c = 0; c < 5; c++) {
            table_add_cell_string(&table, cells[r][c]);
        }
    }

    struct table_style style = TABLE_STYLE_DEFAULT;
    struct ds out = DS_EMPTY_INITIALIZER;
    table_format(&table, &style, false, &out);
    assert_string_equal(
        ds_cstr(&out),
        "\n"
        "2026-11-22 03:01:48.790\n"
        "row                                  action n name      _version\n"
        "------------------------------------ ------ - --------- "
        "------------------------------------\n"
        "5781e59e-6651-4204-8d9e-a1bfe58cac8f old      \"new row\" "
        "e07a4c67-6b5a-4cc4-a6d8-017739c52127\n"
        "                                     new    5 renamed   "
        "66faced9-eb3d-4b96-b72f-7e2236672153\n");

    style = parse_style("--format=csv");
    ds_clear(&out);
    table_format(&table, &style, false, &out);
    assert_string_equal(
        ds_cstr(&out),
        "\n"
        "2026-11-22 03:01:48.790\n"
        "row,action,n,name,_version\n"
        "5781e59e-6651-4204-8d9e-a1bfe58cac8f,old,,\"\"\"new row\"\"\","
        "e07a4c67-6b5a-4cc4-a6d8-017739c52127\n"
        ",new,5,renamed,66faced9-eb3d-4b96-b72f-7e2236672153\n");

    style = parse_style("--format=html");
    ds_clear(&out);
    table_format(&table, &style, false, &out);
    assert_string_equal(
        ds_cstr(&out),
        "2026-11-22 03:01:48.790\n"
        "<table border=1>\n"
        "  <tr>\n"
        "    <th>row</th>\n"
        "    <th>action</th>\n"
        "    <th>n</th>\n"
        "    <th>name</th>\n"
        "    <th>_version</th>\n"
        "  </tr>\n"
        "  <tr>\n"
        "    <td><a href=\"#5781e59e-6651-4204-8d9e-a1bfe58cac8f\">"
        "5781e59e</a></td>\n"
        "    <td>old</td>\n"
        "    <td></td>\n"
        "    <td>&quot;new row&quot;</td>\n"
        "    <td><a href=\"#e07a4c67-6b5a-4cc4-a6d8-017739c52127\">"
        "e07a4c67</a></td>\n"
        "  </tr>\n"
        "  <tr>\n"
        "    <td></td>\n"
        "    <td>new</td>\n"
        "    <td>5</td>\n"
        "    <td>renamed</td>\n"
        "    <td><a href=\"#66faced9-eb3d-4b96-b72f-7e2236672153\">"
        "66faced9</a></td>\n"
        "  </tr>\n"
        "</table>\n");

    /* OVS 3.1 crashes here; its manual promises a "time" member. */
    style = parse_style("--format=json");
    ds_clear(&out);
    table_destroy(&table);
    table_init(&table);
    table_set_timestamp(&table, 1795316508790LL);
    table_add_column(&table, "row");
    table_format(&table, &style, false, &out);
    assert_string_equal(ds_cstr(&out),
                        "{\"data\":[],\"headings\":[\"row\"],"
                        "\"time\":\"2026-11-22 03:01:48.790\"}\n");
    ds_destroy(&out);
    table_destroy(&table);
}

/* ovs-vsctl --columns=name find Port name=zz -- --columns=name list
 * Bridge -- (the same again): a table that prints nothing still makes the
 * next one start with a blank line.  No captions. */
static void
test_separators(void **state OVS_UNUSED)
{
    static const struct {
        const char *args;
        const char *expected;
    } cases[] = {
        { "--format=list",
          "\n"
          "name                : br0\n"
          "\n"
          "\n"
          "name                : br0\n" },
        { "--format=table",
          "name\n----\n\nname\n----\nbr0\n\nname\n----\n\nname\n----\nbr0\n" },
        { "--format=csv",
          "name\n\nname\nbr0\n\nname\n\nname\nbr0\n" },
        { "--format=table --no-headings", "\nbr0\n\n\nbr0\n" },
        { "--format=json",
          "{\"data\":[],\"headings\":[\"name\"]}\n"
          "{\"data\":[[\"br0\"]],\"headings\":[\"name\"]}\n"
          "{\"data\":[],\"headings\":[\"name\"]}\n"
          "{\"data\":[[\"br0\"]],\"headings\":[\"name\"]}\n" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct table_style style = parse_style(cases[i].args);
        struct ds out = DS_EMPTY_INITIALIZER;
        for (int t = 0; t < 4; t++) {
            struct table table;
            table_init(&table);
            table_add_column(&table, "name");
            if (t % 2) {
                table_add_row(&table);
                table_add_cell_string(&table, "br0");
            }
            table_format(&table, &style, t == 0, &out);
            table_destroy(&table);
        }
        assert_string_equal(ds_cstr(&out), cases[i].expected);
        ds_destroy(&out);
    }
}

/* table_print() remembers across calls that a table was printed. */
static void
test_print_to_stdout(void **state OVS_UNUSED)
{
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    assert_true(dup2(fileno(tmp), STDOUT_FILENO) >= 0);

    struct table table;
    table_init(&table);
    table_set_caption(&table, xstrdup("T table"));
    table_add_column(&table, "a");
    table_add_row(&table);
    table_add_cell_string(&table, "x");
    struct table_style style = TABLE_STYLE_DEFAULT;
    table_print(&table, &style);
    table_print(&table, &style);
    table_destroy(&table);
    fflush(stdout);

    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);

    char buf[256];
    rewind(tmp);
    size_t n = fread(buf, 1, sizeof buf - 1, tmp);
    buf[n] = '\0';
    fclose(tmp);
    assert_string_equal(buf, "T table\na\n-\nx\n\nT table\na\n-\nx\n");
}

/* OVS's JSON text: %.15g reals, lowercase \u escapes, raw UTF-8, DEL and
 * '/', sorted members, and its --pretty layout (captured from
 * `ovsdb-client --pretty transact` and `dump --format=json`). */
static void
test_put_json(void **state OVS_UNUSED)
{
    static const struct {
        const char *in;
        const char *compact;
    } cases[] = {
        { "[0.30000000000000004,0.3333333333333333,100.0,1e21,-2.5e-7,"
          "1e-300,1234567.125,9007199254740993,-7,0.0]",
          "[0.3,0.333333333333333,100,1e+21,-2.5e-07,1e-300,1234567.125,"
          "9007199254740993,-7,0]" },
        { "\"c\\u0001\\u001f\\u007f/\\\\\\b\\f\\r\\n\\t\\\" é\\u001b\"",
          "\"c\\u0001\\u001f\x7f/\\\\\\b\\f\\r\\n\\t\\\" é\\u001b\"" },
        { "{\"z\":1,\"a\":{\"y\":[],\"b\":{}},\"m\":null}",
          "{\"a\":{\"b\":{},\"y\":[]},\"m\":null,\"z\":1}" },
        { "[true,false,[]]", "[true,false,[]]" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        json_error_t error;
        json_t *json = json_loads(cases[i].in, JSON_DECODE_ANY, &error);
        if (!json) {
            fail_msg("%s: %s", cases[i].in, error.text);
        }
        struct ds out = DS_EMPTY_INITIALIZER;
        table_put_json(&out, json, false);
        assert_string_equal(ds_cstr(&out), cases[i].compact);
        ds_destroy(&out);
        json_decref(json);
    }

    json_t *json = json_loads("[{\"rows\":[{\"longer_column_name\":0,"
                              "\"a\":\"\"}]},{}]", 0, NULL);
    assert_non_null(json);
    struct ds out = DS_EMPTY_INITIALIZER;
    table_put_json(&out, json, true);
    assert_string_equal(ds_cstr(&out),
                        "[\n"
                        "  {\n"
                        "    \"rows\": [\n"
                        "      {\n"
                        "        \"a\": \"\",\n"
                        "        \"longer_column_name\": 0}]},\n"
                        "  {\n"
                        "    }]");
    ds_destroy(&out);
    json_decref(json);
}

static void
test_parse_formats(void **state OVS_UNUSED)
{
    struct table_style style = TABLE_STYLE_DEFAULT;
    static const char *const formats[] = {
        "table", "list", "html", "csv", "json",
    };
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        assert_null(table_parse_format(&style, formats[i]));
        assert_int_equal(style.format, (int) i);
    }
    assert_null(table_parse_cell_format(&style, "bare"));
    assert_int_equal(style.cell_format, TABLE_CELL_BARE);
    assert_null(table_parse_cell_format(&style, "json"));
    assert_int_equal(style.cell_format, TABLE_CELL_JSON);
    assert_null(table_parse_cell_format(&style, "string"));
    assert_int_equal(style.cell_format, TABLE_CELL_STRING);

    /* Exact, case-sensitive names; OVS's messages. */
    char *error = table_parse_format(&style, "TABLE");
    assert_string_equal(error, "unknown output format \"TABLE\"");
    free(error);
    error = table_parse_format(&style, "j");
    assert_string_equal(error, "unknown output format \"j\"");
    free(error);
    error = table_parse_cell_format(&style, "b");
    assert_string_equal(error, "unknown data format \"b\"");
    free(error);
}

static void
test_options(void **state OVS_UNUSED)
{
    struct table_style style = parse_style("");
    assert_int_equal(style.format, TABLE_FORMAT_TABLE);
    assert_int_equal(style.cell_format, TABLE_CELL_STRING);
    assert_true(style.headings);
    assert_false(style.pretty);
    assert_int_equal(style.max_column_width, 0);

    style = parse_style("--bare");
    assert_int_equal(style.format, TABLE_FORMAT_LIST);
    assert_int_equal(style.cell_format, TABLE_CELL_BARE);
    assert_false(style.headings);

    style = parse_style("-f csv -d json --no-headings --pretty");
    assert_int_equal(style.format, TABLE_FORMAT_CSV);
    assert_int_equal(style.cell_format, TABLE_CELL_JSON);
    assert_false(style.headings);
    assert_true(style.pretty);

    /* OVS parses the width with atoi(): "5x" is 5, junk and negatives
     * mean unlimited. */
    style = parse_style("--max-column-width=5x");
    assert_int_equal(style.max_column_width, 5);
    style = parse_style("--max-column-width=xx");
    assert_int_equal(style.max_column_width, 0);
    style = parse_style("--max-column-width=-1");
    assert_int_equal(style.max_column_width, 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_format),
        cmocka_unit_test(test_list_format),
        cmocka_unit_test(test_csv_format),
        cmocka_unit_test(test_html_format),
        cmocka_unit_test(test_json_format),
        cmocka_unit_test(test_json_only_cells),
        cmocka_unit_test(test_timestamp),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_print_to_stdout),
        cmocka_unit_test(test_put_json),
        cmocka_unit_test(test_parse_formats),
        cmocka_unit_test(test_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

bin_PROGRAMS += tools/cvsh/cvsh
tools_cvsh_cvsh_SOURCES = \
	tools/cvsh/cvsh.h tools/cvsh/cvsh.c tools/cvsh/args.c tools/cvsh/output.c \
	tools/cvsh/cmd-domain.c tools/cvsh/cmd-snapshot.c tools/cvsh/cmd-network.c \
	tools/cvsh/cmd-storage.c tools/cvsh/cmd-host.c
# A user of the public API like any other: only include/ and libcloudvirt.
tools_cvsh_cvsh_CPPFLAGS = -I$(top_srcdir)/include -I$(top_builddir)
tools_cvsh_cvsh_CFLAGS = $(WARN_CFLAGS) $(SAN_CFLAGS) $(GLIB_CFLAGS) $(JSON_CFLAGS)
tools_cvsh_cvsh_LDADD = lib/libcloudvirt.la $(GLIB_LIBS) $(JSON_LIBS)

dist_noinst_SCRIPTS += tests/test-cvsh.sh
TESTS += tests/test-cvsh.sh
dist_man1_MANS += tools/cvsh/cvsh.1

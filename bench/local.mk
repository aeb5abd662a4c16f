# Benchmarks are built with `make bench` and never run by `make check`:
# they time things against the competitor in the same run and print ratios.
EXTRA_PROGRAMS = bench/bench-domains
bench_bench_domains_SOURCES = bench/bench-domains.c
bench_bench_domains_CFLAGS = $(AM_CFLAGS) $(LIBVIRT_CFLAGS)
bench_bench_domains_LDADD = lib/libcloudvirt.la $(LIBVIRT_LIBS) $(GLIB_LIBS)
CLEANFILES += $(EXTRA_PROGRAMS)

bench_programs = bench/bench-domains
bench: $(bench_programs)
	./bench/bench-domains
.PHONY: bench

# Remote transport vs libvirt's and plain ssh (REMOTE). Needs root, sshd,
# libvirtd (started if absent) and python3-libvirt.
EXTRA_PROGRAMS += bench/bench-remote
bench_bench_remote_SOURCES = bench/bench-remote.c tests/test-remote-fixture.c \
	tests/test-remote-fixture.h
bench_bench_remote_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests \
	-DCV_BUILDDIR=\"$(abs_top_builddir)\"
bench_bench_remote_LDADD = tools/cloudvirtd/libcvall.la $(GLIB_LIBS)
# The registry refers to the remote driver weakly: pull it from the archive.
bench_bench_remote_LDFLAGS = $(AM_LDFLAGS) -Wl,-u,cv_remote_driver
bench_programs += bench/bench-remote
bench-remote: bench/bench-remote tools/cloudvirtd/cloudvirtd
	./bench/bench-remote
.PHONY: bench-remote
EXTRA_DIST += bench/bench-convert.sh

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

# cloudvirtd links all of the library statically rather than the shared
# libcloudvirt: it needs lib/rpc's server, which is internal (hidden by the
# version script), and a program without a libtool wrapper script is what
# ssh can simply run as command=. libcvall.la folds every convenience
# library into one archive, so the linker resolves the references between
# them (core <-> drivers) whatever their order.
noinst_LTLIBRARIES += tools/cloudvirtd/libcvall.la
tools_cloudvirtd_libcvall_la_SOURCES =
tools_cloudvirtd_libcvall_la_LIBADD = $(lib_libcloudvirt_la_LIBADD)

bin_PROGRAMS += tools/cloudvirtd/cloudvirtd
tools_cloudvirtd_cloudvirtd_SOURCES = tools/cloudvirtd/cloudvirtd.c
tools_cloudvirtd_cloudvirtd_LDADD = tools/cloudvirtd/libcvall.la
# The registry refers to the test driver weakly during bring-up; a weak
# reference does not pull an archive member, so ask for it explicitly.
tools_cloudvirtd_cloudvirtd_LDFLAGS = $(AM_LDFLAGS) -Wl,-u,cv_test_driver

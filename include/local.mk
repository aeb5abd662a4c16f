cloudvirtincludedir = $(includedir)/cloudvirt
cloudvirtinclude_HEADERS = \
	include/cloudvirt/cloudvirt.h \
	include/cloudvirt/cv-common.h \
	include/cloudvirt/cv-error.h \
	include/cloudvirt/cv-connect.h \
	include/cloudvirt/cv-domain.h \
	include/cloudvirt/cv-snapshot.h \
	include/cloudvirt/cv-network.h \
	include/cloudvirt/cv-storage.h \
	include/cloudvirt/cv-event.h \
	include/cloudvirt/cv-image.h \
	include/cloudvirt/cv-stream.h \
	include/cloudvirt/cv-auth.h

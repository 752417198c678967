// TransportTests module

module dovetail.dev/samples/text

go 1.24

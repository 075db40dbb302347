"""What a person reads: translated labels and pictograms (`labels`), programme cards as HTML (`cards`), and the
take-away link, QR code and printable sheet (`sheet`). Plain Python; how HTML is put on a page is the UI's business."""

from tests.test_consultations_import_roundtrip import *
class Dump(RoundTripTests):
    def test_dump(self):
        open("/tmp/docs/own.pdf","wb").write(render_pdf(self.statement))
        open("/tmp/docs/own.txt","w").write(extract_text(render_pdf(self.statement), "x.pdf"))
        open("/tmp/docs/own.docx","wb").write(render_docx(self.statement))

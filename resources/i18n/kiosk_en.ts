<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="vi_VN">
<context>
    <name>AccountsStep</name>
    <message>
        <source>Chưa có tài khoản nào.</source>
        <translation>No accounts yet.</translation>
    </message>
    <message>
        <source>Cán bộ phường</source>
        <translation>Ward staff</translation>
    </message>
    <message>
        <source>Cán bộ phường dùng mã PIN để duyệt chốt ngày; kỹ thuật viên để vào phần Kỹ thuật. Mỗi người một mã PIN riêng, không ghi ra giấy.</source>
        <translation>Ward staff use their PIN to approve the day close; technicians to open the Technical section. Everyone has their own PIN; never write it down.</translation>
    </message>
    <message>
        <source>Họ tên hiển thị</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Kỹ thuật viên</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>Mã PIN (4–8 chữ số)</source>
        <translation>PIN (4–8 digits)</translation>
    </message>
    <message>
        <source>Mã đăng nhập</source>
        <translation>Login code</translation>
    </message>
    <message>
        <source>Nhập lại mã PIN</source>
        <translation>Enter the PIN again</translation>
    </message>
    <message>
        <source>Thêm tình nguyện viên này</source>
        <translation>Add this volunteer</translation>
    </message>
    <message>
        <source>Tình nguyện viên</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>Tình nguyện viên (không bắt buộc)</source>
        <translation>Volunteer (optional)</translation>
    </message>
    <message>
        <source>Đã có: {accounts}. Để trống một nhóm để giữ nguyên.</source>
        <translation>Already set up: {accounts}. Leave a group empty to keep it as it is.</translation>
    </message>
    <message>
        <source>Đã thêm tình nguyện viên {code}.</source>
        <translation>Volunteer {code} added.</translation>
    </message>
</context>
<context>
    <name>AppState</name>
    <message>
        <source>Không mở được dữ liệu của điểm hỗ trợ. Hãy gọi kỹ thuật viên. Chi tiết: {detail}</source>
        <translation>The support point&apos;s data could not be opened. Please call a technician. Details: {detail}</translation>
    </message>
</context>
<context>
    <name>ApplicantStep</name>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Ngày sinh (ngày/tháng/năm)</source>
        <translation>Date of birth (day/month/year)</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Số nhà, đường, thôn hoặc tổ dân phố</source>
        <translation>House number, street, village or neighbourhood group</translation>
    </message>
    <message>
        <source>Số điện thoại (để cơ quan, bưu điện liên hệ)</source>
        <translation>Phone number (so the office or the post office can reach you)</translation>
    </message>
    <message>
        <source>Số định danh cá nhân (12 số in trên thẻ căn cước)</source>
        <translation>Personal ID number (the 12 digits on your citizen ID card)</translation>
    </message>
    <message>
        <source>Thông tin người nộp hồ sơ</source>
        <translation>About the applicant</translation>
    </message>
    <message>
        <source>Ví dụ: 05/09/1962</source>
        <translation>For example: 05/09/1962</translation>
    </message>
    <message>
        <source>Ví dụ: 056062001234</source>
        <translation>For example: 056062001234</translation>
    </message>
    <message>
        <source>Ví dụ: 0905 123 456</source>
        <translation>For example: 0905 123 456</translation>
    </message>
    <message>
        <source>Ví dụ: 12 Trần Phú</source>
        <translation>For example: 12 Trần Phú</translation>
    </message>
    <message>
        <source>Ví dụ: Nguyễn Văn An</source>
        <translation>For example: Nguyễn Văn An</translation>
    </message>
    <message>
        <source>Địa chỉ thường trú</source>
        <translation>Permanent address</translation>
    </message>
</context>
<context>
    <name>CashStep</name>
    <message>
        <source>Nhận tiền mặt</source>
        <translation>Receive cash</translation>
    </message>
    <message>
        <source>Quay lại sửa</source>
        <translation>Go back and change</translation>
    </message>
    <message>
        <source>Tình nguyện viên {code} đếm đủ tiền rồi bấm «Đã nhận đủ tiền». Biên nhận ghi khoản này; biên lai chính thức do cơ quan thu phát hành.</source>
        <translation>Volunteer {code}: count the money, then press “Cash received in full”. The receipt records this payment; the official receipt is issued by the collecting office.</translation>
    </message>
    <message>
        <source>{amount} đồng</source>
        <translation>{amount} dong</translation>
    </message>
    <message>
        <source>Đã nhận đủ tiền — Lưu</source>
        <translation>Cash received in full — Save</translation>
    </message>
</context>
<context>
    <name>ConsentChecks</name>
    <message>
        <source>Thông tin ông/bà nhập chỉ dùng cho đúng việc được chọn dưới đây, được mã hóa trên máy và xóa khỏi máy sau khi cơ quan đã nhận. Xin đánh dấu từng mục ông/bà đồng ý:</source>
        <translation>What you enter is used only for the purposes chosen below, is encrypted on this machine and is deleted from it once the office has received it. Please tick each item you agree to:</translation>
    </message>
</context>
<context>
    <name>ConsentStep</name>
    <message>
        <source>Chỉ cần nếu muốn nhận kết quả tại nhà qua bưu điện.</source>
        <translation>Only needed if you want the result delivered to your home by post.</translation>
    </message>
    <message>
        <source>Cần có để nộp hồ sơ.</source>
        <translation>Needed to submit the application.</translation>
    </message>
    <message>
        <source>Không bắt buộc. Để cơ quan gọi lại khi cần hỏi thêm.</source>
        <translation>Optional. So that the office can call you if they have questions.</translation>
    </message>
    <message>
        <source>Thông báo số {version}</source>
        <translation>Notice no. {version}</translation>
    </message>
    <message>
        <source>Thông báo về thông tin cá nhân</source>
        <translation>Notice about your personal data</translation>
    </message>
    <message>
        <source>Ông/bà đồng ý cho điểm hỗ trợ dùng thông tin để (chạm để chọn):</source>
        <translation>You agree that the support point may use your information to (touch to choose):</translation>
    </message>
    <message>
        <source>Để nộp hồ sơ, điểm hỗ trợ cần ghi lại họ tên, số định danh cá nhân, ngày sinh, số điện thoại, địa chỉ và giấy tờ của ông/bà.

• Thông tin chỉ được gửi đến cơ quan giải quyết thủ tục, qua hệ thống của tỉnh.
• Máy lưu thông tin ở dạng mã hóa, và xóa {days} ngày sau khi tỉnh đã nhận hồ sơ.
• Ông/bà có quyền xin xem, sửa hoặc xóa thông tin của mình tại điểm hỗ trợ.
• Nếu không đồng ý, ông/bà vẫn được hướng dẫn nộp trực tiếp tại cơ quan.</source>
        <translation>To submit your application, the support point needs to record your name, personal ID number, date of birth, phone number, address and documents.

• The information is sent only to the office that handles the procedure, through the province&apos;s system.
• This machine keeps it encrypted and deletes it {days} days after the province has received the application.
• You have the right to see, correct or delete your information at the support point.
• If you do not agree, you will still be shown how to apply in person at the office.</translation>
    </message>
    <message>
        <source>Đồng ý cho dùng thông tin</source>
        <translation>I agree to the use of my information</translation>
    </message>
</context>
<context>
    <name>CorrectionScreen</name>
    <message>
        <source>Bản sửa đang chờ gửi cho tỉnh thay bản cũ.</source>
        <translation>The corrected version is waiting to be sent to the province in place of the old one.</translation>
    </message>
    <message>
        <source>Chưa có máy in.</source>
        <translation>No printer is set up yet.</translation>
    </message>
    <message>
        <source>Chưa sửa ô nào. Gửi lại y nguyên thì tỉnh có thể lại từ chối. Vẫn gửi lại?</source>
        <translation>Nothing has been changed. If it is sent again unchanged, the province may refuse it again. Send it again anyway?</translation>
    </message>
    <message>
        <source>Còn ô chưa đúng; xem các dòng đỏ ở trên.</source>
        <translation>Some fields are still wrong; see the red lines above.</translation>
    </message>
    <message>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>In lại biên nhận</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>Không lưu được: mục này đã được sửa hoặc không còn bị từ chối.</source>
        <translation>Could not save: this item has already been corrected or is no longer refused.</translation>
    </message>
    <message>
        <source>Lưu bản sửa</source>
        <translation>Save the correction</translation>
    </message>
    <message>
        <source>Mã biên nhận (giữ nguyên):</source>
        <translation>Receipt code (unchanged):</translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Sửa các ô dưới đây cho đúng rồi bấm “Lưu bản sửa”. Mã biên nhận của người dân giữ nguyên; bản sửa được gửi lại cho tỉnh thay cho bản bị từ chối.</source>
        <translation>Correct the fields below, then press “Save the correction”. The resident&apos;s receipt code stays the same; the corrected version is sent to the province in place of the refused one.</translation>
    </message>
    <message>
        <source>Sửa mục bị tỉnh từ chối</source>
        <translation>Correct an item the province refused</translation>
    </message>
    <message>
        <source>Sửa tiếp</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>Tỉnh từ chối vì:</source>
        <translation>The province refused it because:</translation>
    </message>
    <message>
        <source>Vẫn gửi lại</source>
        <translation>Send it again anyway</translation>
    </message>
    <message>
        <source>Về bảng điều khiển</source>
        <translation>Back to the dashboard</translation>
    </message>
    <message>
        <source>{kind} — mã biên nhận {code}</source>
        <translation>{kind} — receipt code {code}</translation>
    </message>
    <message>
        <source>{n} mục đi kèm (khoản nộp, đăng ký) cũng được chuyển theo bản sửa.</source>
        <translation>{n} linked items (payments, registrations) now follow the corrected version too.</translation>
    </message>
    <message>
        <source>Đang mở…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>Đang thử gửi cho tỉnh ngay…</source>
        <translation>Trying to send to the province now…</translation>
    </message>
    <message>
        <source>Đã gửi lệnh in biên nhận.</source>
        <translation>The receipt has been sent to the printer.</translation>
    </message>
    <message>
        <source>Đã lưu bản sửa</source>
        <translation>Correction saved</translation>
    </message>
</context>
<context>
    <name>CredentialsPanel</name>
    <message>
        <source>Chưa có mã bí mật: kiosk chưa gửi được.</source>
        <translation>No client secret yet: the kiosk cannot send anything.</translation>
    </message>
    <message>
        <source>Hãy nhập mã bí mật.</source>
        <translation>Please enter the client secret.</translation>
    </message>
    <message>
        <source>Hãy nhập mã client.</source>
        <translation>Please enter the client ID.</translation>
    </message>
    <message>
        <source>Không lưu được: {error}</source>
        <translation>Could not save: {error}</translation>
    </message>
    <message>
        <source>Không mở được kho khóa của máy: hãy kiểm tra Chẩn đoán.</source>
        <translation>The machine&apos;s keyring could not be opened: please check Diagnostics.</translation>
    </message>
    <message>
        <source>Kết nối với tỉnh</source>
        <translation>Connection to the province</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Mã bí mật (client secret)</source>
        <translation>Client secret</translation>
    </message>
    <message>
        <source>Mã client</source>
        <translation>Client ID</translation>
    </message>
    <message>
        <source>Đã có mã bí mật trong kho khóa của máy.</source>
        <translation>A client secret is stored in the machine&apos;s keyring.</translation>
    </message>
    <message>
        <source>Đã lưu. Mã bí mật được cất trong kho khóa của máy và không hiển thị lại. Mã client mới có hiệu lực sau khi khởi động lại ứng dụng.</source>
        <translation>Saved. The client secret is kept in the machine&apos;s keyring and is not shown again. A new client ID takes effect after the app restarts.</translation>
    </message>
</context>
<context>
    <name>CredentialsStep</name>
    <message>
        <source>Mã bí mật (client secret)</source>
        <translation>Client secret</translation>
    </message>
    <message>
        <source>Mã client</source>
        <translation>Client ID</translation>
    </message>
    <message>
        <source>Mã client và mã bí mật do Sở/Trung tâm cấp cho riêng kiosk này. Kiosk hỏi thử máy chủ của tỉnh; mã bí mật chỉ được lưu khi tỉnh chấp nhận, vào kho khóa của máy, và không hiện lại.</source>
        <translation>The client ID and client secret are issued for this kiosk alone by the provincial department or centre. The kiosk tries them against the province&apos;s server; the secret is saved only if the province accepts it, in the machine&apos;s keyring, and is never shown again.</translation>
    </message>
</context>
<context>
    <name>DashboardLists</name>
    <message>
        <source>Biên nhận hôm nay:</source>
        <translation>Today&apos;s receipts:</translation>
    </message>
    <message>
        <source>Chưa ra — in lại</source>
        <translation>Not out — print again</translation>
    </message>
    <message>
        <source>Gọi lúc {time} (đã chờ {age}), ở {screen}</source>
        <translation>Called at {time} (waiting {age}), from {screen}</translation>
    </message>
    <message>
        <source>Hãy nhập hoặc quét mã biên nhận.</source>
        <translation>Type or scan the receipt code.</translation>
    </message>
    <message>
        <source>In lại (bản sao)</source>
        <translation>Reprint (copy)</translation>
    </message>
    <message>
        <source>Không có ai đang chờ được giúp.</source>
        <translation>Nobody is waiting for help.</translation>
    </message>
    <message>
        <source>Không có biên nhận nào cần xem lại.</source>
        <translation>No receipts to check.</translation>
    </message>
    <message>
        <source>Mã biên nhận</source>
        <translation>Receipt code</translation>
    </message>
    <message>
        <source>Thử in lại</source>
        <translation>Try printing again</translation>
    </message>
    <message>
        <source>màn hình {name}</source>
        <translation>the {name} screen</translation>
    </message>
    <message>
        <source>trang chủ</source>
        <translation>the home screen</translation>
    </message>
    <message>
        <source>{code}
{kind}, {time}</source>
        <translation>{code}
{kind}, {time}</translation>
    </message>
    <message>
        <source>{kind} {code} — chưa rõ đã ra giấy chưa ({time})</source>
        <translation>{kind} {code} — not known whether it came out ({time})</translation>
    </message>
    <message>
        <source>{kind} {code} — lỗi lúc {time}</source>
        <translation>{kind} {code} — failed at {time}</translation>
    </message>
    <message>
        <source>Đã ra giấy</source>
        <translation>It came out</translation>
    </message>
    <message>
        <source>Đã đến giúp</source>
        <translation>Helped</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Biên nhận cần xem lại</source>
        <translation>Receipts to check</translation>
    </message>
    <message>
        <source>Bảng điều khiển</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Bị từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Chưa có máy in.</source>
        <translation>No printer is set up yet.</translation>
    </message>
    <message>
        <source>Chưa kết nối được với tỉnh. Máy sẽ tự thử lại; mọi thứ đã lưu vẫn an toàn.</source>
        <translation>Cannot reach the province yet. The kiosk will keep trying; everything saved is safe.</translation>
    </message>
    <message>
        <source>Chưa rõ kết quả</source>
        <translation>Outcome unknown</translation>
    </message>
    <message>
        <source>Chưa trao đổi được với tỉnh lần nào.</source>
        <translation>No exchange with the province yet.</translation>
    </message>
    <message>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Chờ lâu nhất</source>
        <translation>Waiting longest</translation>
    </message>
    <message>
        <source>Ghi lượt hướng dẫn</source>
        <translation>Log a guidance visit</translation>
    </message>
    <message>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>Hàng đợi gửi tỉnh</source>
        <translation>Queue to the province</translation>
    </message>
    <message>
        <source>In lại biên nhận</source>
        <translation>Reprint a receipt</translation>
    </message>
    <message>
        <source>Người dân cần giúp</source>
        <translation>Residents asking for help</translation>
    </message>
    <message>
        <source>Trao đổi với tỉnh lần cuối: {time}</source>
        <translation>Last exchange with the province: {time}</translation>
    </message>
    <message>
        <source>Việc hôm nay</source>
        <translation>Today&apos;s work</translation>
    </message>
    <message>
        <source>Đang gửi lệnh in…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>Đang thử gửi cho tỉnh ngay…</source>
        <translation>Trying to send to the province now…</translation>
    </message>
    <message>
        <source>Đã gửi lệnh in bản chính của {code}.</source>
        <translation>The original of {code} has been sent to the printer.</translation>
    </message>
    <message>
        <source>Đã gửi lệnh in bản sao số {n} của {code}.</source>
        <translation>Copy no. {n} of {code} has been sent to the printer.</translation>
    </message>
    <message>
        <source>Đã trao đổi với tỉnh lúc {time}.</source>
        <translation>Exchanged with the province at {time}.</translation>
    </message>
</context>
<context>
    <name>DashboardTiles</name>
    <message>
        <source>Hồ sơ</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>Khoản nộp</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Lượt hướng dẫn</source>
        <translation>Guidance visits</translation>
    </message>
    <message>
        <source>Phản ánh</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Đăng ký dịch vụ</source>
        <translation>Service registrations</translation>
    </message>
</context>
<context>
    <name>DatePicker</name>
    <message>
        <source>CN</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>Chưa chọn ngày</source>
        <translation>No date chosen</translation>
    </message>
    <message>
        <source>Ngày đã chọn: {d}</source>
        <translation>Date chosen: {d}</translation>
    </message>
    <message>
        <source>T2</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>T3</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>T4</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>T5</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>T6</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>T7</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Tháng sau ▶</source>
        <translation>Next month ▶</translation>
    </message>
    <message>
        <source>Tháng {m}/{y}</source>
        <translation>{m}/{y}</translation>
    </message>
    <message>
        <source>◀ Tháng trước</source>
        <translation>◀ Previous month</translation>
    </message>
</context>
<context>
    <name>DayClosePanel</name>
    <message>
        <source>Chốt ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <source>Cán bộ duyệt hãy nhập mã PIN.</source>
        <translation>The approving officer should enter their PIN.</translation>
    </message>
    <message>
        <source>Duyệt và chốt ngày</source>
        <translation>Approve and close the day</translation>
    </message>
    <message>
        <source>Duyệt và ghi lần chốt lại (điều chỉnh)</source>
        <translation>Approve and record a new close (adjustment)</translation>
    </message>
    <message>
        <source>Hãy nhập mã cán bộ duyệt.</source>
        <translation>Please enter the approving officer&apos;s code.</translation>
    </message>
    <message>
        <source>Hãy nhập mã tình nguyện viên.</source>
        <translation>Please enter the volunteer&apos;s code.</translation>
    </message>
    <message>
        <source>Hãy nhập số tiền đếm được.</source>
        <translation>Please enter the amount counted.</translation>
    </message>
    <message>
        <source>Mã PIN của cán bộ duyệt</source>
        <translation>Approving officer&apos;s PIN</translation>
    </message>
    <message>
        <source>Mã cán bộ phường duyệt</source>
        <translation>Approving ward officer&apos;s code</translation>
    </message>
    <message>
        <source>Mã tình nguyện viên đã đếm tiền</source>
        <translation>Code of the volunteer who counted the cash</translation>
    </message>
    <message>
        <source>Ngày chốt</source>
        <translation>Day to close</translation>
    </message>
    <message>
        <source>Ngày này đã chốt. Lý do chốt lại:</source>
        <translation>This day is already closed. Reason for closing it again:</translation>
    </message>
    <message>
        <source>Ngày {day} chưa chốt.</source>
        <translation>{day} has not been closed.</translation>
    </message>
    <message>
        <source>Ngày {day} đã chốt {n} lần.</source>
        <translation>Times {day} has been closed: {n}.</translation>
    </message>
    <message>
        <source>Số tiền mặt đếm được</source>
        <translation>Cash counted</translation>
    </message>
    <message>
        <source>Đang tính số liệu của ngày…</source>
        <translation>Working out the day&apos;s figures…</translation>
    </message>
    <message>
        <source>Đã chốt ngày {day} (lần {n}). Chênh lệch: {difference}. Đã ghi vào nhật ký kiểm toán.</source>
        <translation>{day} closed (close no. {n}). Difference: {difference}. Recorded in the audit log.</translation>
    </message>
</context>
<context>
    <name>DayCloseView</name>
    <message>
        <source> (điều chỉnh)</source>
        <translation> (adjustment)</translation>
    </message>
    <message>
        <source> · bản sao {n}</source>
        <translation> · copy {n}</translation>
    </message>
    <message>
        <source>Biên nhận in lỗi hoặc chưa xác nhận: {n}</source>
        <translation>Receipts that failed to print or are not confirmed: {n}</translation>
    </message>
    <message>
        <source>Chênh lệch: {words}</source>
        <translation>Difference: {words}</translation>
    </message>
    <message>
        <source>Các lần chốt đã ghi</source>
        <translation>Closes recorded</translation>
    </message>
    <message>
        <source>Không có biên nhận nào in lỗi.</source>
        <translation>No receipts failed to print.</translation>
    </message>
    <message>
        <source>Khớp</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>Lý do chốt lại: {reason}</source>
        <translation>Reason for closing again: {reason}</translation>
    </message>
    <message>
        <source>Lần {n}{kind} · ghi lúc {at}</source>
        <translation>Close no. {n}{kind} · recorded at {at}</translation>
    </message>
    <message>
        <source>Mọi mục của ngày này tỉnh đã nhận.</source>
        <translation>The province has received every item of this day.</translation>
    </message>
    <message>
        <source>Theo sổ {expected} · Đếm được {counted} · {difference}</source>
        <translation>Expected {expected} · Counted {counted} · {difference}</translation>
    </message>
    <message>
        <source>Tiền mặt trong ngày, theo sổ</source>
        <translation>Cash taken during the day, as recorded</translation>
    </message>
    <message>
        <source>Tình nguyện viên {volunteer} đếm, cán bộ {staff} duyệt</source>
        <translation>Counted by volunteer {volunteer}, approved by officer {staff}</translation>
    </message>
    <message>
        <source>Tỉnh chưa nhận: {n} mục trong ngày</source>
        <translation>Items of the day not yet received by the province: {n}</translation>
    </message>
    <message>
        <source>Và {n} mục của những ngày trước vẫn chờ hoặc cần sửa.</source>
        <translation>Items from earlier days still waiting or needing correction: {n}.</translation>
    </message>
    <message>
        <source>{n} khoản nộp tiền mặt trong ngày {day}</source>
        <translation>Cash payments on {day}: {n}</translation>
    </message>
    <message>
        <source>Đã ghi vào nhật ký kiểm toán, không sửa được. Chốt lại sẽ ghi thêm một lần điều chỉnh mới, có lý do.</source>
        <translation>Recorded in the audit log; it cannot be changed. Closing again records a new adjustment, with a reason.</translation>
    </message>
    <message>
        <source>… và {n} mục nữa (xem trong báo cáo xuất ra).</source>
        <translation>… and {n} more (see the exported report).</translation>
    </message>
</context>
<context>
    <name>DeliveryStep</name>
    <message>
        <source>(chưa có)</source>
        <translation>(none yet)</translation>
    </message>
    <message>
        <source>Kết quả sẽ gửi về: {address}. Bưu điện gọi số {phone} trước khi giao.</source>
        <translation>The result will be sent to: {address}. The post office will call {phone} before delivering.</translation>
    </message>
    <message>
        <source>Nhận kết quả</source>
        <translation>Receiving the result</translation>
    </message>
    <message>
        <source>Nhận tại cơ quan giải quyết</source>
        <translation>Collect it at the office</translation>
    </message>
    <message>
        <source>Nhận tại nhà qua bưu điện (bưu chính công ích)</source>
        <translation>Delivered to my home by post (public postal service)</translation>
    </message>
    <message>
        <source>Nơi nhận: {agency}</source>
        <translation>Where: {agency}</translation>
    </message>
    <message>
        <source>Ông/bà muốn nhận kết quả ở đâu?</source>
        <translation>Where would you like to receive the result?</translation>
    </message>
    <message>
        <source>Để bưu điện giao kết quả, họ tên, địa chỉ và số điện thoại của ông/bà được chuyển cho bưu điện. Ông/bà đồng ý:</source>
        <translation>For the post office to deliver the result, your name, address and phone number are passed on to the post office. You agree:</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DoctorPanel</name>
    <message>
        <source>Chẩn đoán</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>Không chạy được chẩn đoán: {error}</source>
        <translation>Diagnostics could not run: {error}</translation>
    </message>
    <message>
        <source>Kiểm tra lại</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Đang kiểm tra… (có mục cần hỏi máy chủ và máy in)</source>
        <translation>Checking… (some checks ask the server and the printer)</translation>
    </message>
</context>
<context>
    <name>DoctorView</name>
    <message>
        <source>Cách xử lý: {hint}</source>
        <translation>What to do: {hint}</translation>
    </message>
    <message>
        <source>Cần chú ý</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Tốt</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Tổng thể: {status}</source>
        <translation>Overall: {status}</translation>
    </message>
</context>
<context>
    <name>DossierScreen</name>
    <message>
        <source>Bước {n}/{total}: {title}</source>
        <translation>Step {n} of {total}: {title}</translation>
    </message>
    <message>
        <source>Chưa lưu được hồ sơ. Hãy bấm lưu lại; nếu vẫn lỗi, xin gọi tình nguyện viên.</source>
        <translation>The application could not be saved. Please press save again; if it still fails, please call a volunteer.</translation>
    </message>
    <message>
        <source>Hồ sơ «{name}» đã được lưu tại điểm hỗ trợ và sẽ được gửi lên hệ thống của tỉnh.</source>
        <translation>Your application “{name}” has been saved at the support point and will be sent to the province&apos;s system.</translation>
    </message>
    <message>
        <source>Hồ sơ «{name}» đã được lưu tại điểm hỗ trợ và sẽ được gửi lên hệ thống của tỉnh. Đã đăng ký nhận kết quả tại nhà qua bưu điện.</source>
        <translation>Your application “{name}” has been saved at the support point and will be sent to the province&apos;s system. Home delivery of the result by post has been registered.</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục. Hãy chọn lại thủ tục.</source>
        <translation>The procedure was not found. Please choose the procedure again.</translation>
    </message>
    <message>
        <source>Lưu hồ sơ và in biên nhận</source>
        <translation>Save and print the receipt</translation>
    </message>
    <message>
        <source>Nộp hồ sơ</source>
        <translation>Submit an application</translation>
    </message>
    <message>
        <source>Tiếp tục →</source>
        <translation>Continue →</translation>
    </message>
    <message>
        <source>Đang mở thủ tục…</source>
        <translation>Opening the procedure…</translation>
    </message>
    <message>
        <source>← Bước trước</source>
        <translation>← Previous step</translation>
    </message>
    <message>
        <source>← Quay lại</source>
        <translation>← Back</translation>
    </message>
</context>
<context>
    <name>EmergencyBar</name>
    <message>
        <source>⚠ KHẨN CẤP: {title} — chạm để đọc</source>
        <translation>⚠ EMERGENCY: {title} — tap to read</translation>
    </message>
</context>
<context>
    <name>ExportPanel</name>
    <message>
        <source>CSV — mở bằng Excel</source>
        <translation>CSV — opens in Excel</translation>
    </message>
    <message>
        <source>Hãy chọn định dạng tệp.</source>
        <translation>Please choose a file format.</translation>
    </message>
    <message>
        <source>Hãy chọn ổ USB hoặc một thư mục để lưu tệp.</source>
        <translation>Please choose a USB drive or a folder to save the file to.</translation>
    </message>
    <message>
        <source>Không ghi được tệp vào nơi đã chọn (USB đầy, bị khóa ghi hay đã rút ra?). Chi tiết: {detail}</source>
        <translation>The file could not be written there (is the USB drive full, write-protected or unplugged?). Details: {detail}</translation>
    </message>
    <message>
        <source>Không kiểm tra được: {error}</source>
        <translation>Could not check: {error}</translation>
    </message>
    <message>
        <source>Kiểm tra lại tệp</source>
        <translation>Check the file again</translation>
    </message>
    <message>
        <source>PDF — báo cáo để in và ký</source>
        <translation>PDF — a report to print and sign</translation>
    </message>
    <message>
        <source>SHA-256: {digest}…</source>
        <translation>SHA-256: {digest}…</translation>
    </message>
    <message>
        <source>Số dòng nhật ký: {n} · kỳ {period}</source>
        <translation>Audit log lines: {n} · period {period}</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Tệp KHÔNG khớp: {problems}</source>
        <translation>The file does NOT match: {problems}</translation>
    </message>
    <message>
        <source>Tệp khớp với tệp kê khai và nhật ký kiểm toán ({checked}).</source>
        <translation>The file matches its manifest and the audit log ({checked}).</translation>
    </message>
    <message>
        <source>Tệp kê khai: {path}</source>
        <translation>Manifest: {path}</translation>
    </message>
    <message>
        <source>Tệp: {name}</source>
        <translation>File: {name}</translation>
    </message>
    <message>
        <source>XLSX — bảng tính có tổng hợp</source>
        <translation>XLSX — a spreadsheet with totals</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Export a report</translation>
    </message>
    <message>
        <source>Xuất tệp</source>
        <translation>Export the file</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Đang xuất tệp… xin chờ, đừng rút USB.</source>
        <translation>Exporting… please wait; do not unplug the USB drive.</translation>
    </message>
    <message>
        <source>Đang xuất tệp… {n} dòng, đừng rút USB.</source>
        <translation>Exporting… {n} rows; do not unplug the USB drive.</translation>
    </message>
    <message>
        <source>Đã xuất</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>Định dạng tệp</source>
        <translation>File format</translation>
    </message>
</context>
<context>
    <name>ExportTarget</name>
    <message>
        <source>Chưa thấy ổ USB nào. Cắm USB vào máy rồi bấm “Tìm lại USB”, hoặc chọn một thư mục.</source>
        <translation>No USB drive found. Plug one in and press “Look for USB again”, or choose a folder.</translation>
    </message>
    <message>
        <source>Chọn thư mục khác…</source>
        <translation>Choose another folder…</translation>
    </message>
    <message>
        <source>Chọn thư mục để lưu</source>
        <translation>Choose a folder to save to</translation>
    </message>
    <message>
        <source>Lưu vào</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Thư mục {path}</source>
        <translation>Folder {path}</translation>
    </message>
    <message>
        <source>Tìm lại USB</source>
        <translation>Look for USB again</translation>
    </message>
    <message>
        <source>Tìm thấy {n} ổ USB.</source>
        <translation>USB drives found: {n}.</translation>
    </message>
    <message>
        <source>USB {name} — không ghi được</source>
        <translation>USB {name} — cannot be written to</translation>
    </message>
    <message>
        <source>USB {name} — {free}</source>
        <translation>USB {name} — {free}</translation>
    </message>
    <message>
        <source>còn trống {size} GB</source>
        <translation>{size} GB free</translation>
    </message>
    <message>
        <source>không đọc được dung lượng</source>
        <translation>free space unknown</translation>
    </message>
    <message>
        <source>Đang tìm ổ USB…</source>
        <translation>Looking for USB drives…</translation>
    </message>
</context>
<context>
    <name>Failures</name>
    <message>
        <source>Chưa lưu được. Những gì đã nhập vẫn còn nguyên trên màn hình: xin bấm lưu lại. Nếu vẫn không được, xin gọi tình nguyện viên.</source>
        <translation>Not saved. What you entered is still on the screen: please press save again. If it still does not work, please call a volunteer.</translation>
    </message>
    <message>
        <source>Máy chưa kiểm tra được lúc này; chưa có gì được lưu. Những gì đã nhập vẫn còn nguyên: xin bấm thử lại. Nếu vẫn không được, xin gọi tình nguyện viên.</source>
        <translation>The machine could not check this just now; nothing has been saved. What you entered is still there: please try again. If it still does not work, please call a volunteer.</translation>
    </message>
    <message>
        <source>Máy chưa sẵn sàng nên chưa làm được việc này. Xin gọi tình nguyện viên hoặc kỹ thuật viên.</source>
        <translation>The kiosk is not ready, so this cannot be done yet. Please call a volunteer or a technician.</translation>
    </message>
    <message>
        <source>Máy đang khởi động. Xin chờ vài giây rồi chạm lại.</source>
        <translation>The kiosk is starting. Please wait a few seconds, then touch again.</translation>
    </message>
    <message>
        <source>Đã lưu, nhưng chưa gửi được biên nhận tới máy in. Xin ghi lại mã ở trên rồi bấm «In lại biên nhận».</source>
        <translation>Saved, but the receipt could not be sent to the printer. Please note the code above, then press “Print the receipt again”.</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <source>An ninh, trật tự</source>
        <translation>Security and public order</translation>
    </message>
    <message>
        <source>Chính sách, thủ tục hành chính</source>
        <translation>Policies and administrative procedures</translation>
    </message>
    <message>
        <source>Cảm ơn ông/bà đã gửi phản ánh. Phản ánh sẽ được chuyển đến cơ quan có trách nhiệm; giữ mã dưới đây để hỏi lại khi cần.</source>
        <translation>Thank you for your feedback. It will be passed to the responsible office; keep the code below in case you want to ask about it later.</translation>
    </message>
    <message>
        <source>Gửi phản ánh</source>
        <translation>Send feedback</translation>
    </message>
    <message>
        <source>Gửi ẩn danh (không ghi tên)</source>
        <translation>Send anonymously (no name)</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Môi trường, rác thải, tiếng ồn</source>
        <translation>Environment, waste, noise</translation>
    </message>
    <message>
        <source>Người gửi</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Nội dung phản ánh, kiến nghị (viết rõ sự việc)</source>
        <translation>Your feedback or request (describe what happened)</translation>
    </message>
    <message>
        <source>Phản ánh về việc gì?</source>
        <translation>What is your feedback about?</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Tên và số điện thoại chỉ dùng để cán bộ liên hệ trả lời phản ánh này. Xin đánh dấu nếu đồng ý:</source>
        <translation>Your name and phone number are used only for an officer to contact you about this feedback. Please tick if you agree:</translation>
    </message>
    <message>
        <source>Việc khác</source>
        <translation>Something else</translation>
    </message>
    <message>
        <source>Đường sá, điện chiếu sáng, cấp thoát nước</source>
        <translation>Roads, street lighting, water and drainage</translation>
    </message>
    <message>
        <source>Để lại tên, số điện thoại để được trả lời</source>
        <translation>Leave a name and phone number to get an answer</translation>
    </message>
    <message>
        <source>Địa điểm xảy ra (không bắt buộc)</source>
        <translation>Where it happened (optional)</translation>
    </message>
</context>
<context>
    <name>FeesStep</name>
    <message>
        <source>Danh mục không ghi phí, lệ phí cho thủ tục này.</source>
        <translation>The catalogue lists no fees for this procedure.</translation>
    </message>
    <message>
        <source>Không phải nộp phí, lệ phí khi nộp hồ sơ này.</source>
        <translation>There are no fees to pay for this application.</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>Phí, lệ phí nộp cho cơ quan giải quyết: tại mục «Nộp phí» của điểm hỗ trợ hoặc khi cơ quan báo. Điểm hỗ trợ không thu thêm khoản nào.</source>
        <translation>Fees are paid to the office handling the application: under “Pay a fee” at the support point, or when the office asks. The support point charges nothing extra.</translation>
    </message>
    <message>
        <source>Phí, lệ phí phải nộp: {amount}</source>
        <translation>Fees to pay: {amount}</translation>
    </message>
    <message>
        <source>• {fee}</source>
        <translation>• {fee}</translation>
    </message>
    <message>
        <source>• {fee} (khi nộp trực tiếp)</source>
        <translation>• {fee} (when applying in person)</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <source>Chưa có tệp quét mới.</source>
        <translation>No new scans yet.</translation>
    </message>
    <message>
        <source>Chọn tệp giấy tờ</source>
        <translation>Choose a document file</translation>
    </message>
    <message>
        <source>Các tệp trong thư mục máy quét, tệp mới nhất ở trên cùng. Chạm vào một tệp để đính kèm.</source>
        <translation>The files in the scanner folder, newest at the top. Touch a file to attach it.</translation>
    </message>
    <message>
        <source>Hãy quét giấy tờ trước: đặt giấy lên máy quét và bấm nút quét. Tệp quét xong sẽ tự hiện ra ở đây.</source>
        <translation>Scan the paper first: put it on the scanner and press the scan button. The scanned file will appear here by itself.</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Không mở được thư mục máy quét. Hãy bấm “Xem lại” hoặc gọi tình nguyện viên.</source>
        <translation>The scanner folder could not be opened. Press “Look again” or call a volunteer.</translation>
    </message>
    <message>
        <source>Máy chưa sẵn sàng. Xin chờ một chút.</source>
        <translation>The kiosk is not ready yet. Please wait a moment.</translation>
    </message>
    <message>
        <source>Thư mục máy quét chưa có tệp nào.</source>
        <translation>The scanner folder has no files yet.</translation>
    </message>
    <message>
        <source>Xem lại</source>
        <translation>Look again</translation>
    </message>
    <message>
        <source>{clock} hôm nay</source>
        <translation>{clock} today</translation>
    </message>
    <message>
        <source>{clock} hôm qua</source>
        <translation>{clock} yesterday</translation>
    </message>
    <message>
        <source>{clock} ngày {date}</source>
        <translation>{clock} on {date}</translation>
    </message>
    <message>
        <source>{kind} · {size} · quét lúc {time}</source>
        <translation>{kind} · {size} · scanned at {time}</translation>
    </message>
    <message>
        <source>{n} tệp có trong thư mục từ hơn {minutes} phút trước được ẩn đi, vì có thể là giấy tờ của người khác. Tình nguyện viên đăng nhập thì xem được.</source>
        <translation>{n} files that came into the folder more than {minutes} minutes ago are hidden: they may be someone else&apos;s papers. A volunteer who logs in can see them.</translation>
    </message>
    <message>
        <source>{n} tệp có trong thư mục từ trước khi ông/bà bắt đầu được ẩn đi, vì có thể là giấy tờ của người khác. Tình nguyện viên đăng nhập thì xem được.</source>
        <translation>{n} files that came into the folder before you began are hidden: they may be someone else&apos;s papers. A volunteer who logs in can see them.</translation>
    </message>
    <message>
        <source>{n} tệp mới nhất (trong {total} tệp):</source>
        <translation>The {n} newest files (of {total}):</translation>
    </message>
    <message>
        <source>Đang mở thư mục máy quét…</source>
        <translation>Opening the scanner folder…</translation>
    </message>
    <message>
        <source>Ảnh</source>
        <translation>Picture</translation>
    </message>
</context>
<context>
    <name>FinishStep</name>
    <message>
        <source>Cài đặt xong. Có mục cần chú ý (màu vàng): xem cách xử lý bên dưới.</source>
        <translation>Setup is done. Some items need attention (yellow): see what to do below.</translation>
    </message>
    <message>
        <source>Cài đặt xong: kiosk sẵn sàng phục vụ.</source>
        <translation>Setup is done: the kiosk is ready to serve.</translation>
    </message>
    <message>
        <source>Còn lỗi (màu đỏ): sửa theo hướng dẫn bên dưới, rồi bấm “Kiểm tra lại”.</source>
        <translation>There are still errors (red): fix them as described below, then press “Check again”.</translation>
    </message>
    <message>
        <source>Hoàn tất và kiểm tra</source>
        <translation>Finish and check</translation>
    </message>
    <message>
        <source>Kiểm tra lại</source>
        <translation>Check again</translation>
    </message>
    <message>
        <source>Về trang chủ</source>
        <translation>Go to the home screen</translation>
    </message>
    <message>
        <source>Xem lại các cài đặt rồi bấm “Hoàn tất và kiểm tra”: máy ghi nhận đã cài đặt, tạo bản sao lưu đầu tiên và kiểm tra tổng thể (cơ sở dữ liệu, kho khóa, máy chủ của tỉnh, máy in, sao lưu).</source>
        <translation>Check the settings, then press “Finish and check”: the kiosk records that it is set up, makes its first backup and runs a full check (database, keyring, the province&apos;s server, printer, backup).</translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>Điểm hỗ trợ: {code} — {name}
Phường, xã: {ward}
Máy chủ của tỉnh: {url}
Mã client: {client}
Máy in: {printer}, khổ {paper} mm</source>
        <translation>Support point: {code} — {name}
Ward or commune: {ward}
Province&apos;s server: {url}
Client ID: {client}
Printer: {printer}, {paper} mm paper</translation>
    </message>
    <message>
        <source>Đã cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ và mã client mới có hiệu lực với việc gửi hồ sơ sau khi khởi động lại ứng dụng.</source>
        <translation>A new server address and client ID are used for sending after the app restarts.</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Báo với phường việc cần giải quyết</source>
        <translation>Tell the ward about a problem to fix</translation>
    </message>
    <message>
        <source>Bưu chính, điện, nước, viễn thông, khám bệnh, tiêm chủng</source>
        <translation>Post, electricity, water, telecom, clinic, vaccination</translation>
    </message>
    <message>
        <source>Bảng điều khiển</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Chốt ngày và xuất báo cáo</source>
        <translation>Close the day and export</translation>
    </message>
    <message>
        <source>Có {count} thông báo — về thông báo đầu ▲</source>
        <translation>{count} notices — back to the first ▲</translation>
    </message>
    <message>
        <source>Có {count} thông báo — xem tiếp ▼</source>
        <translation>{count} notices — see the next ▼</translation>
    </message>
    <message>
        <source>Giấy tờ, lệ phí, thời gian giải quyết</source>
        <translation>Papers, fees, processing time</translation>
    </message>
    <message>
        <source>Gửi phản ánh</source>
        <translation>Send feedback</translation>
    </message>
    <message>
        <source>KHẨN CẤP: {title}</source>
        <translation>EMERGENCY: {title}</translation>
    </message>
    <message>
        <source>Khai thông tin và nhận biên nhận</source>
        <translation>Fill in your details, get a receipt</translation>
    </message>
    <message>
        <source>Kỹ thuật</source>
        <translation>Technical</translation>
    </message>
    <message>
        <source>Lệ phí, đóng góp: tiền mặt, VietQR</source>
        <translation>Fees, contributions: cash, VietQR</translation>
    </message>
    <message>
        <source>Máy chưa sẵn sàng</source>
        <translation>Kiosk not ready</translation>
    </message>
    <message>
        <source>Nộp hồ sơ</source>
        <translation>Submit an application</translation>
    </message>
    <message>
        <source>Nộp phí</source>
        <translation>Pay a fee</translation>
    </message>
    <message>
        <source>Tra cứu hồ sơ</source>
        <translation>Track an application</translation>
    </message>
    <message>
        <source>Tìm thủ tục</source>
        <translation>Find a procedure</translation>
    </message>
    <message>
        <source>Xem tiến độ bằng mã trên biên nhận</source>
        <translation>Check progress with your receipt code</translation>
    </message>
    <message>
        <source>Đang mở…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>Đăng ký dịch vụ</source>
        <translation>Register for a service</translation>
    </message>
</context>
<context>
    <name>IdentityStep</name>
    <message>
        <source>Mã điểm hỗ trợ</source>
        <translation>Support point code</translation>
    </message>
    <message>
        <source>Mã điểm hỗ trợ do Sở/Trung tâm cấp, giống mã trong giấy đăng ký kết nối. Tên điểm in trên biên nhận và hiện ở màn hình chính. Tiền tố đứng đầu mỗi mã biên nhận.</source>
        <translation>The support point code is issued by the provincial department or centre and matches the one on the connection registration. The name is printed on receipts and shown on the home screen. The prefix starts every receipt code.</translation>
    </message>
    <message>
        <source>Tiền tố mã biên nhận (2–8 chữ in hoa, chữ số)</source>
        <translation>Receipt code prefix (2–8 capital letters or digits)</translation>
    </message>
    <message>
        <source>Tên điểm hỗ trợ</source>
        <translation>Support point name</translation>
    </message>
    <message>
        <source>Ví dụ: KIOSK-56-22366-01</source>
        <translation>For example: KIOSK-56-22366-01</translation>
    </message>
    <message>
        <source>Ví dụ: NT01</source>
        <translation>For example: NT01</translation>
    </message>
    <message>
        <source>Ví dụ: Điểm hỗ trợ DVC trực tuyến Phường Nha Trang</source>
        <translation>For example: Điểm hỗ trợ DVC trực tuyến Phường Nha Trang</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Bàn phím chữ</source>
        <translation>Letters</translation>
    </message>
    <message>
        <source>Bàn phím số</source>
        <translation>Numbers</translation>
    </message>
    <message>
        <source>Chữ hoa</source>
        <translation>Capitals</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Xuống dòng</source>
        <translation>New line</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>dấu cách</source>
        <translation>space</translation>
    </message>
    <message>
        <source>huyền</source>
        <translation>grave</translation>
    </message>
    <message>
        <source>hỏi</source>
        <translation>hook</translation>
    </message>
    <message>
        <source>ngã</source>
        <translation>tilde</translation>
    </message>
    <message>
        <source>nặng</source>
        <translation>dot</translation>
    </message>
    <message>
        <source>sắc</source>
        <translation>acute</translation>
    </message>
    <message>
        <source>xóa dấu</source>
        <translation>no tone</translation>
    </message>
    <message>
        <source>Ẩn</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>Ẩn bàn phím</source>
        <translation>Hide the keyboard</translation>
    </message>
</context>
<context>
    <name>LocationStep</name>
    <message>
        <source>Tỉnh và phường, xã nơi đặt điểm hỗ trợ (danh sách sau sắp xếp năm 2025). Hồ sơ gửi lên tỉnh mang mã phường, xã này.</source>
        <translation>The province and the ward or commune where the support point is (the list after the 2025 reorganisation). Applications sent to the province carry this ward&apos;s code.</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Chưa đăng nhập được vì máy đang gặp lỗi (không phải do sai mã PIN). Xin nhập lại mã PIN và thử lại; nếu vẫn không được, xin gọi kỹ thuật viên.</source>
        <translation>Could not log in because of a fault in the machine (not a wrong PIN). Please enter the PIN again and retry; if it still does not work, please call a technician.</translation>
    </message>
    <message>
        <source>Hãy nhập mã người dùng và mã PIN.</source>
        <translation>Please enter your user code and PIN.</translation>
    </message>
    <message>
        <source>Mã PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Mã đăng nhập</source>
        <translation>Login code</translation>
    </message>
    <message>
        <source>Người dân không cần đăng nhập. Cần giúp đỡ? Xin bấm «Gọi tình nguyện viên».</source>
        <translation>Residents do not need to log in. Need help? Please press “Call a volunteer”.</translation>
    </message>
    <message>
        <source>Sai mã người dùng hoặc mã PIN.</source>
        <translation>Wrong user code or PIN.</translation>
    </message>
    <message>
        <source>Tài khoản này không được mở màn hình đó.</source>
        <translation>This account may not open that screen.</translation>
    </message>
    <message>
        <source>Tài khoản đang tạm khóa vì nhập sai PIN 5 lần. Hãy thử lại sau 5 phút.</source>
        <translation>This account is locked for now after 5 wrong PINs. Please try again in 5 minutes.</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Đăng nhập dành cho tình nguyện viên và cán bộ</source>
        <translation>Login for volunteers and staff</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>Hãy nhập mã in trên giấy biên nhận.</source>
        <translation>Please enter the code printed on your receipt.</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ có mã {code}. Xin kiểm tra lại mã trên giấy biên nhận, hoặc gọi tình nguyện viên giúp.</source>
        <translation>No application with the code {code} was found. Please check the code on your receipt, or call a volunteer for help.</translation>
    </message>
    <message>
        <source>Mã biên nhận</source>
        <translation>Receipt code</translation>
    </message>
    <message>
        <source>Mã biên nhận: {code}</source>
        <translation>Receipt code: {code}</translation>
    </message>
    <message>
        <source>Mã hồ sơ của cơ quan: chưa có (cơ quan cấp khi tiếp nhận hồ sơ)</source>
        <translation>Office&apos;s application number: not yet (the office gives one when it accepts the application)</translation>
    </message>
    <message>
        <source>Mã hồ sơ của cơ quan: {code}</source>
        <translation>Office&apos;s application number: {code}</translation>
    </message>
    <message>
        <source>Ngày hẹn trả kết quả: {date}</source>
        <translation>Result expected on: {date}</translation>
    </message>
    <message>
        <source>Nhập mã biên nhận, hoặc đưa mã QR trên biên nhận vào máy đọc mã.</source>
        <translation>Enter the receipt code, or hold the QR code on your receipt up to the scanner.</translation>
    </message>
    <message>
        <source>Nộp phí cho hồ sơ này</source>
        <translation>Pay the fees for this application</translation>
    </message>
    <message>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>Tra cứu hồ sơ</source>
        <translation>Track an application</translation>
    </message>
    <message>
        <source>Tình trạng: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Ví dụ: NT01-261122-0042</source>
        <translation>For example: NT01-261122-0042</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Bỏ những gì đã nhập và quay lại?</source>
        <translation>Discard what you entered and go back?</translation>
    </message>
    <message>
        <source>Bỏ những gì đã nhập và về trang chủ?</source>
        <translation>Discard what you entered and go to the home screen?</translation>
    </message>
    <message>
        <source>Bỏ và quay lại</source>
        <translation>Discard and go back</translation>
    </message>
    <message>
        <source>Bỏ và về trang chủ</source>
        <translation>Discard and go home</translation>
    </message>
    <message>
        <source>Có lỗi khi xử lý. Dữ liệu đã lưu không bị mất. Hãy thử lại hoặc gọi tình nguyện viên.</source>
        <translation>Something went wrong. Nothing already saved has been lost. Please try again or call a volunteer.</translation>
    </message>
    <message>
        <source>Máy vừa gặp lỗi và đã mở lại màn hình chính. Những gì đã lưu không bị mất.</source>
        <translation>Something went wrong, so the kiosk has gone back to the home screen. Nothing already saved has been lost.</translation>
    </message>
    <message>
        <source>Ông/bà vẫn đang dùng máy chứ? Chạm vào màn hình để tiếp tục. Thông tin đã nhập sẽ bị xóa sau {n} giây.</source>
        <translation>Are you still there? Touch the screen to continue. What you entered will be cleared in {n} seconds.</translation>
    </message>
    <message>
        <source>Đã báo tình nguyện viên. Xin ông/bà chờ một chút, sẽ có người đến giúp.</source>
        <translation>A volunteer has been called. Please wait a moment; someone will come to help you.</translation>
    </message>
    <message>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>MoneyField</name>
    <message>
        <source>đồng</source>
        <translation>dong</translation>
    </message>
</context>
<context>
    <name>PaperRow</name>
    <message>
        <source>Bắt buộc</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Bỏ</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Chưa đính kèm</source>
        <translation>Not attached yet</translation>
    </message>
    <message>
        <source>Chọn tệp</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Lấy từ máy quét</source>
        <translation>From the scanner</translation>
    </message>
    <message>
        <source>Nếu có</source>
        <translation>If you have it</translation>
    </message>
    <message>
        <source>Nộp bản giấy</source>
        <translation>Hand in on paper</translation>
    </message>
    <message>
        <source>mang bản chính để xuất trình</source>
        <translation>bring the original to show</translation>
    </message>
    <message>
        <source>{n} bản chính</source>
        <translation>Originals: {n}</translation>
    </message>
    <message>
        <source>{n} bản sao</source>
        <translation>Copies: {n}</translation>
    </message>
    <message>
        <source>✔ Sẽ nộp bản giấy tại cơ quan</source>
        <translation>✔ Will be handed in on paper at the office</translation>
    </message>
    <message>
        <source>✔ Đã đính kèm: {name} ({size})</source>
        <translation>✔ Attached: {name} ({size})</translation>
    </message>
</context>
<context>
    <name>PapersStep</name>
    <message>
        <source>Còn {n} giấy tờ bắt buộc chưa đính kèm và chưa chọn nộp bản giấy. Có giấy tờ chỉ cần khi nộp theo một cách nhất định. Vẫn đi tiếp?</source>
        <translation>Required documents neither attached nor marked to be handed in on paper: {n}. Some documents are only needed for certain ways of applying. Continue anyway?</translation>
    </message>
    <message>
        <source>Danh mục không ghi giấy tờ nào cho thủ tục này.</source>
        <translation>The catalogue lists no documents for this procedure.</translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Giấy tờ của hồ sơ</source>
        <translation>Documents for the application</translation>
    </message>
    <message>
        <source>Giấy tờ: {name}</source>
        <translation>Document: {name}</translation>
    </message>
    <message>
        <source>Không đọc được tệp này. Hãy thử lại.</source>
        <translation>This file could not be read. Please try again.</translation>
    </message>
    <message>
        <source>Vẫn đi tiếp</source>
        <translation>Continue anyway</translation>
    </message>
    <message>
        <source>Với mỗi giấy tờ, chọn một cách: lấy bản quét từ máy quét, chọn tệp có sẵn, hoặc nộp bản giấy khi đến cơ quan.</source>
        <translation>For each document, choose one way: take the scan from the scanner, choose an existing file, or hand in the paper at the office.</translation>
    </message>
    <message>
        <source>Đang đọc tệp…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>Ở lại bổ sung</source>
        <translation>Stay and add them</translation>
    </message>
</context>
<context>
    <name>PayloadForm</name>
    <message>
        <source>Chuyển khoản (VietQR)</source>
        <translation>Bank transfer (VietQR)</translation>
    </message>
    <message>
        <source>Có</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Dịch vụ công ích</source>
        <translation>Public utility service</translation>
    </message>
    <message>
        <source>Lệ phí</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Mã số thuế (tổ chức)</source>
        <translation>Tax code (organisation)</translation>
    </message>
    <message>
        <source>Phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Số định danh cá nhân (công dân)</source>
        <translation>Personal ID number (citizen)</translation>
    </message>
    <message>
        <source>Thông tin do máy ghi (không sửa ở đây)</source>
        <translation>Recorded by the kiosk (not edited here)</translation>
    </message>
    <message>
        <source>Thẻ ngân hàng</source>
        <translation>Bank card</translation>
    </message>
    <message>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Đóng góp</source>
        <translation>Contribution</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <source>Chuyển khoản: quét mã VietQR bằng điện thoại</source>
        <translation>Bank transfer: scan the VietQR code with your phone</translation>
    </message>
    <message>
        <source>Cách nộp</source>
        <translation>How to pay</translation>
    </message>
    <message>
        <source>Còn phải nộp: {unpaid} đồng</source>
        <translation>Left to pay: {unpaid} dong</translation>
    </message>
    <message>
        <source>Dịch vụ công ích</source>
        <translation>Public utility service</translation>
    </message>
    <message>
        <source>Họ tên người nộp tiền chỉ dùng để ghi nhận và đối soát khoản nộp này, được mã hóa trên máy và xóa khỏi máy sau khi cơ quan đã nhận. Xin đánh dấu nếu đồng ý:</source>
        <translation>The payer&apos;s name is used only to record and reconcile this payment; it is encrypted on this machine and deleted from it once the authority has received it. Please tick if you agree:</translation>
    </message>
    <message>
        <source>Họ và tên người nộp tiền</source>
        <translation>Full name of the payer</translation>
    </message>
    <message>
        <source>Hồ sơ {code}: {procedure}</source>
        <translation>Application {code}: {procedure}</translation>
    </message>
    <message>
        <source>Khoản đóng góp, dịch vụ công ích</source>
        <translation>Contribution or public utility service</translation>
    </message>
    <message>
        <source>Không có phí, lệ phí.</source>
        <translation>No fees.</translation>
    </message>
    <message>
        <source>Loại khoản nộp</source>
        <translation>Kind of payment</translation>
    </message>
    <message>
        <source>Mã biên nhận của hồ sơ (gõ hoặc quét mã trên giấy)</source>
        <translation>The application&apos;s receipt code (type it or scan the code on the paper)</translation>
    </message>
    <message>
        <source>Nội dung (ví dụ: Ủng hộ quỹ phòng, chống thiên tai)</source>
        <translation>Purpose (for example: donation to the disaster relief fund)</translation>
    </message>
    <message>
        <source>Phí, lệ phí của hồ sơ đã nộp</source>
        <translation>Fees for an application already submitted</translation>
    </message>
    <message>
        <source>Phí, lệ phí: {total} đồng · đã nộp: {paid} đồng</source>
        <translation>Fees: {total} dong · paid: {paid} dong</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Tiền mặt chỉ nộp qua tình nguyện viên đã đăng nhập. Xin mời tình nguyện viên đăng nhập, hoặc chọn chuyển khoản VietQR.</source>
        <translation>Cash can only be paid to a logged-in volunteer. Please ask a volunteer to log in, or choose a VietQR bank transfer.</translation>
    </message>
    <message>
        <source>Tiền mặt: nộp cho tình nguyện viên</source>
        <translation>Cash: pay a volunteer</translation>
    </message>
    <message>
        <source>Tìm hồ sơ</source>
        <translation>Find the application</translation>
    </message>
    <message>
        <source>Tình nguyện viên đăng nhập để nhận tiền mặt</source>
        <translation>Volunteer login to receive cash</translation>
    </message>
    <message>
        <source>Ông/bà nộp tiền cho khoản nào?</source>
        <translation>What are you paying for?</translation>
    </message>
    <message>
        <source>Đóng góp, ủng hộ</source>
        <translation>Contribution or donation</translation>
    </message>
</context>
<context>
    <name>PaymentScreen</name>
    <message>
        <source>Chưa lưu được khoản nộp. Xin đừng nộp tiền lần nữa: những gì đã nhập vẫn còn trên màn hình, xin bấm «Lưu» lại. Nếu vẫn không được, xin gọi tình nguyện viên.</source>
        <translation>The payment was not saved. Please do not pay again: what you entered is still on the screen, so just press “Save” again. If it still does not work, please call a volunteer.</translation>
    </message>
    <message>
        <source>Chưa tạo được mã chuyển khoản: tài khoản nhận tiền chưa được cài đặt đúng. Xin gọi tình nguyện viên.</source>
        <translation>The transfer code could not be made: the receiving account is not set up correctly. Please call a volunteer.</translation>
    </message>
    <message>
        <source>Nộp phí</source>
        <translation>Pay a fee</translation>
    </message>
    <message>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Xin nhập mã giao dịch mà ứng dụng ngân hàng báo sau khi chuyển.</source>
        <translation>Please enter the transaction code your banking app shows after the transfer.</translation>
    </message>
    <message>
        <source>chuyển khoản VietQR</source>
        <translation>VietQR bank transfer</translation>
    </message>
    <message>
        <source>tiền mặt</source>
        <translation>cash</translation>
    </message>
    <message>
        <source>Ông/bà đã chuyển khoản xong chưa? Nếu đã chuyển, xin nhập mã giao dịch rồi bấm «Đã chuyển xong — Lưu»: chưa bấm Lưu thì khoản nộp chưa được ghi nhận. Chạm vào màn hình để tiếp tục; màn hình sẽ bị xóa sau {n} giây.</source>
        <translation>Have you finished the transfer? If you have, please enter the transaction code and press “Transfer done — Save”: until you press Save, the payment is not recorded. Touch the screen to continue; the screen will be cleared in {n} seconds.</translation>
    </message>
    <message>
        <source>Đã ghi nhận khoản nộp {amount} đồng ({method}).</source>
        <translation>Payment of {amount} dong recorded ({method}).</translation>
    </message>
</context>
<context>
    <name>PrinterPanel</name>
    <message>
        <source>In trang thử</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>Không in được trang thử: {error}</source>
        <translation>The test page could not be printed: {error}</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Máy in: {uri}
Khổ giấy: {paper} mm · Dòng máy: {profile} · Cách in: {mode}</source>
        <translation>Printer: {uri}
Paper: {paper} mm · Model: {profile} · Print mode: {mode}</translation>
    </message>
    <message>
        <source>Trang in thử có đủ chữ Việt có dấu, ký hiệu ₫ và một mã QR. Nếu chữ nào mất dấu hay mã QR không quét được, hãy đổi “Cách in” trong phần Cài đặt.</source>
        <translation>The test page has every Vietnamese letter with its tone marks, the ₫ sign and a QR code. If any tone marks are missing or the QR code does not scan, change “Print mode” under Settings.</translation>
    </message>
    <message>
        <source>chưa cài đặt</source>
        <translation>not set up</translation>
    </message>
    <message>
        <source>Đang gửi trang in thử…</source>
        <translation>Sending the test page…</translation>
    </message>
    <message>
        <source>Đã gửi trang in thử ({n} byte) tới máy in. Hãy xem tờ giấy in ra.</source>
        <translation>The test page ({n} bytes) has been sent to the printer. Please check the printout.</translation>
    </message>
</context>
<context>
    <name>PrinterStep</name>
    <message>
        <source>58 mm</source>
        <translation>58 mm</translation>
    </message>
    <message>
        <source>80 mm</source>
        <translation>80 mm</translation>
    </message>
    <message>
        <source>Chưa có máy in</source>
        <translation>No printer</translation>
    </message>
    <message>
        <source>Chưa đúng — sửa lại</source>
        <translation>Not right — change it</translation>
    </message>
    <message>
        <source>Chọn máy in biên nhận. Máy in USB hay cổng COM đang cắm hiện ở đầu danh sách; máy in mạng cần địa chỉ IP. Sau khi lưu, máy in một trang thử để kiểm tra chữ có dấu và mã QR.</source>
        <translation>Choose the receipt printer. USB or COM-port printers that are plugged in are listed first; a network printer needs its IP address. After saving, a test page is printed to check the Vietnamese letters and the QR code.</translation>
    </message>
    <message>
        <source>Ghi ra tệp (chạy thử, không có máy in)</source>
        <translation>Write to a file (trial run, no printer)</translation>
    </message>
    <message>
        <source>Hãy kiểm tra dây, nguồn, cuộn giấy và khổ giấy; đổi “Cách in” trong phần Kỹ thuật nếu chữ mất dấu. Rồi bấm “Lưu và tiếp tục” để in thử lại.</source>
        <translation>Check the cable, the power, the paper roll and the paper width; change “Print mode” under Technical if tone marks are missing. Then press “Save and continue” to print the test again.</translation>
    </message>
    <message>
        <source>Không thấy máy in USB hay cổng COM nào đang cắm.</source>
        <translation>No USB or COM-port printer is plugged in.</translation>
    </message>
    <message>
        <source>Khổ giấy</source>
        <translation>Paper width</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Máy in của hệ điều hành (tên hàng đợi in)</source>
        <translation>Operating-system printer (print queue name)</translation>
    </message>
    <message>
        <source>Máy in mạng (địa chỉ IP)</source>
        <translation>Network printer (IP address)</translation>
    </message>
    <message>
        <source>Máy in đã cài: {uri}</source>
        <translation>Printer set up: {uri}</translation>
    </message>
    <message>
        <source>Tên hàng đợi in</source>
        <translation>Print queue name</translation>
    </message>
    <message>
        <source>Tìm thấy {n} máy in đang cắm.</source>
        <translation>Plugged-in printers found: {n}.</translation>
    </message>
    <message>
        <source>Đang tìm máy in đang cắm…</source>
        <translation>Looking for plugged-in printers…</translation>
    </message>
    <message>
        <source>Đã gửi trang in thử ({n} byte). Tờ giấy đã ra, chữ có đủ dấu và mã QR rõ chưa?</source>
        <translation>Test page sent ({n} bytes). Did the page come out, with all tone marks and a clear QR code?</translation>
    </message>
    <message>
        <source>Đã ra giấy, chữ đủ dấu — tiếp tục</source>
        <translation>It printed correctly — continue</translation>
    </message>
    <message>
        <source>Đường dẫn tệp</source>
        <translation>File path</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Địa chỉ IP của máy in (cổng 9100 nếu không ghi)</source>
        <translation>The printer&apos;s IP address (port 9100 unless given)</translation>
    </message>
</context>
<context>
    <name>ProcedureScreen</name>
    <message>
        <source>Cách nộp:</source>
        <translation>Ways to apply:</translation>
    </message>
    <message>
        <source>Cơ quan giải quyết: {agency}</source>
        <translation>Handled by: {agency}</translation>
    </message>
    <message>
        <source>Danh mục chưa có đủ chi tiết của thủ tục này; hãy hỏi tình nguyện viên.</source>
        <translation>The catalogue does not have all the details of this procedure yet; please ask a volunteer.</translation>
    </message>
    <message>
        <source>Danh mục không ghi giấy tờ nào.</source>
        <translation>The catalogue lists no documents.</translation>
    </message>
    <message>
        <source>Danh mục không ghi.</source>
        <translation>Not stated in the catalogue.</translation>
    </message>
    <message>
        <source>Giấy tờ cần mang</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <source>Gửi qua bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>Không có phí, lệ phí.</source>
        <translation>No fees.</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục này.</source>
        <translation>This procedure was not found.</translation>
    </message>
    <message>
        <source>Lĩnh vực: {field} · {level} · Mã: {code}</source>
        <translation>Field: {field} · {level} · Code: {code}</translation>
    </message>
    <message>
        <source>Miễn phí</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>Nộp hồ sơ này</source>
        <translation>Submit this application</translation>
    </message>
    <message>
        <source>Nộp trực tiếp tại cơ quan</source>
        <translation>In person at the office</translation>
    </message>
    <message>
        <source>Nộp trực tuyến (điểm hỗ trợ nộp giúp)</source>
        <translation>Online (the support point submits it for you)</translation>
    </message>
    <message>
        <source>Phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>Thông tin thủ tục</source>
        <translation>About the procedure</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết: {time}</source>
        <translation>Processing time: {time}</translation>
    </message>
    <message>
        <source>Thời hạn và nơi giải quyết</source>
        <translation>Processing time and place</translation>
    </message>
    <message>
        <source>Thủ tục này chưa nộp trực tuyến được. Xin mang giấy tờ đến nộp trực tiếp tại cơ quan giải quyết.</source>
        <translation>This procedure cannot be submitted online yet. Please take your documents to the office in person.</translation>
    </message>
    <message>
        <source>Thủ tục này đã ngừng áp dụng, không nhận hồ sơ mới.</source>
        <translation>This procedure is no longer in use; no new applications are accepted.</translation>
    </message>
    <message>
        <source>mang bản chính để xuất trình</source>
        <translation>bring the original to show</translation>
    </message>
    <message>
        <source>nếu có</source>
        <translation>if applicable</translation>
    </message>
    <message>
        <source>{kind}: {amount}</source>
        <translation>{kind}: {amount}</translation>
    </message>
    <message>
        <source>{kind}: {amount} — {name}</source>
        <translation>{kind}: {amount} — {name}</translation>
    </message>
    <message>
        <source>{kind}: {name}</source>
        <translation>{kind}: {name}</translation>
    </message>
    <message>
        <source>{n} bản chính</source>
        <translation>Originals: {n}</translation>
    </message>
    <message>
        <source>{n} bản sao</source>
        <translation>Copies: {n}</translation>
    </message>
    <message>
        <source>Đang mở thủ tục…</source>
        <translation>Opening the procedure…</translation>
    </message>
    <message>
        <source>• {channel}</source>
        <translation>• {channel}</translation>
    </message>
    <message>
        <source>• {fee}</source>
        <translation>• {fee}</translation>
    </message>
</context>
<context>
    <name>ProceduresScreen</name>
    <message>
        <source>Chạm vào thủ tục để xem giấy tờ cần có:</source>
        <translation>Touch a procedure to see the documents you need:</translation>
    </message>
    <message>
        <source>Chọn thủ tục để nộp</source>
        <translation>Choose the procedure to apply for</translation>
    </message>
    <message>
        <source>Cơ quan khác</source>
        <translation>Other office</translation>
    </message>
    <message>
        <source>Cấp bộ, ngành trung ương</source>
        <translation>Ministry (national level)</translation>
    </message>
    <message>
        <source>Cấp tỉnh</source>
        <translation>Province level</translation>
    </message>
    <message>
        <source>Cấp xã, phường</source>
        <translation>Ward or commune level</translation>
    </message>
    <message>
        <source>Gõ tên thủ tục hoặc việc cần làm. Gõ không dấu cũng được.</source>
        <translation>Type the name of the procedure or what you need to do. Typing without tone marks is fine.</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục nào với «{text}». Hãy gõ cách khác, ví dụ «giấy khai sinh», hoặc gọi tình nguyện viên.</source>
        <translation>No procedure found for “{text}”. Try other words, for example “birth certificate”, or call a volunteer.</translation>
    </message>
    <message>
        <source>Lĩnh vực: {field} · {level}</source>
        <translation>Field: {field} · {level}</translation>
    </message>
    <message>
        <source>Lĩnh vực: {field} · {level} · Đã ngừng áp dụng</source>
        <translation>Field: {field} · {level} · No longer in use</translation>
    </message>
    <message>
        <source>Thủ tục hay dùng:</source>
        <translation>Common procedures:</translation>
    </message>
    <message>
        <source>Tìm thủ tục</source>
        <translation>Find a procedure</translation>
    </message>
    <message>
        <source>Ví dụ: khai sinh, kết hôn, thường trú</source>
        <translation>For example: khai sinh, kết hôn, thường trú</translation>
    </message>
    <message>
        <source>Ông/bà muốn nộp hồ sơ gì? Gõ vài chữ rồi chạm vào thủ tục.</source>
        <translation>What would you like to apply for? Type a few words, then touch the procedure.</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>QueueTable</name>
    <message>
        <source>Chưa rõ tỉnh đã nhận chưa — máy đang tự đối chiếu</source>
        <translation>Not known whether the province received it — the kiosk is checking</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Khoản nộp</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Không có mục nào cần sửa hay kiểm tra.</source>
        <translation>Nothing needs correcting or checking.</translation>
    </message>
    <message>
        <source>Lượt hướng dẫn</source>
        <translation>Guidance visit</translation>
    </message>
    <message>
        <source>Phản ánh</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>Sửa và gửi lại</source>
        <translation>Correct and resend</translation>
    </message>
    <message>
        <source>Tỉnh báo trùng mã nhưng khác nội dung — gọi kỹ thuật viên</source>
        <translation>The province reports the same ID with different content — call a technician</translation>
    </message>
    <message>
        <source>Tỉnh từ chối — cần sửa</source>
        <translation>Refused by the province — needs correcting</translation>
    </message>
    <message>
        <source>dưới 1 phút</source>
        <translation>under 1 minute</translation>
    </message>
    <message>
        <source>không có</source>
        <translation>none</translation>
    </message>
    <message>
        <source>{d} ngày</source>
        <translation>{d} days</translation>
    </message>
    <message>
        <source>{h} giờ {m} phút</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{kind} {code} — lưu lúc {time}</source>
        <translation>{kind} {code} — saved at {time}</translation>
    </message>
    <message>
        <source>{n} phút</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>Đăng ký dịch vụ</source>
        <translation>Service registration</translation>
    </message>
</context>
<context>
    <name>ReceiptStep</name>
    <message>
        <source>Mã ngân hàng (BIN, 6 chữ số)</source>
        <translation>Bank BIN (6 digits)</translation>
    </message>
    <message>
        <source>Số tài khoản nhận phí</source>
        <translation>Account that receives fees</translation>
    </message>
    <message>
        <source>Tên ngân hàng (in trên biên nhận)</source>
        <translation>Bank name (printed on receipts)</translation>
    </message>
    <message>
        <source>Tên thụ hưởng</source>
        <translation>Beneficiary name</translation>
    </message>
    <message>
        <source>Ví dụ: 0258 3822 222</source>
        <translation>E.g. 0258 3822 222</translation>
    </message>
    <message>
        <source>Ví dụ: 970415</source>
        <translation>E.g. 970415</translation>
    </message>
    <message>
        <source>Ví dụ: UBND PHUONG NHA TRANG</source>
        <translation>E.g. UBND PHUONG NHA TRANG</translation>
    </message>
    <message>
        <source>Ví dụ: VietinBank</source>
        <translation>E.g. VietinBank</translation>
    </message>
    <message>
        <source>Đường dây nóng</source>
        <translation>Hotline</translation>
    </message>
    <message>
        <source>Đường dây nóng của phường được in trên biên nhận. Tài khoản nhận phí (do phường cung cấp) dùng để in mã VietQR cho người dân chuyển khoản: cần đủ mã ngân hàng, số tài khoản và tên thụ hưởng. Để trống nếu chưa có: biên nhận không in đường dây nóng, điểm chỉ nhận tiền mặt; có thể thêm sau ở mục Cài đặt.</source>
        <translation>The ward&apos;s hotline is printed on receipts. The account that receives fees (given by the ward) is used to print a VietQR code residents can pay by transfer: it needs the bank BIN, the account number and the beneficiary name. Leave them empty if not known yet: receipts then carry no hotline and the point takes cash only; they can be added later under Settings.</translation>
    </message>
</context>
<context>
    <name>RegistrationScreen</name>
    <message>
        <source>Không đồng ý</source>
        <translation>I do not agree</translation>
    </message>
    <message>
        <source>Lưu đăng ký</source>
        <translation>Save the registration</translation>
    </message>
    <message>
        <source>Mã biên nhận của hồ sơ (trên giấy biên nhận)</source>
        <translation>The application&apos;s receipt code (on the receipt)</translation>
    </message>
    <message>
        <source>Ông/bà muốn đăng ký dịch vụ nào?</source>
        <translation>Which service would you like to register for?</translation>
    </message>
    <message>
        <source>Đã ghi nhận đăng ký: {service}. Đơn vị cung cấp dịch vụ sẽ liên hệ theo số điện thoại đã để lại.</source>
        <translation>Registration recorded: {service}. The service provider will contact you at the phone number you gave.</translation>
    </message>
    <message>
        <source>Đăng ký dịch vụ</source>
        <translation>Register for a service</translation>
    </message>
    <message>
        <source>Đăng ký này liên quan đến sức khỏe. Máy chỉ hỏi nơi và ngày hẹn, không hỏi bệnh, triệu chứng hay tiền sử bệnh.</source>
        <translation>This registration concerns health. The kiosk only asks for the place and date of the appointment, never about illnesses, symptoms or medical history.</translation>
    </message>
    <message>
        <source>Đồng ý và tiếp tục</source>
        <translation>Agree and continue</translation>
    </message>
</context>
<context>
    <name>ReviewStep</name>
    <message>
        <source>Chưa chọn</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <source>Chưa có giấy tờ nào</source>
        <translation>No documents yet</translation>
    </message>
    <message>
        <source>Giấy tờ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Không phải nộp</source>
        <translation>Nothing to pay</translation>
    </message>
    <message>
        <source>Ngày sinh: {date}</source>
        <translation>Date of birth: {date}</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Nhận kết quả</source>
        <translation>Receiving the result</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <source>Số định danh: {id}</source>
        <translation>ID number: {id}</translation>
    </message>
    <message>
        <source>Sửa</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Tại cơ quan giải quyết</source>
        <translation>At the office</translation>
    </message>
    <message>
        <source>Tại nhà, qua bưu điện</source>
        <translation>At home, by post</translation>
    </message>
    <message>
        <source>Xem lại và lưu</source>
        <translation>Check and save</translation>
    </message>
    <message>
        <source>Xin xem lại trước khi lưu</source>
        <translation>Please check before saving</translation>
    </message>
    <message>
        <source>Điện thoại: {phone}</source>
        <translation>Phone: {phone}</translation>
    </message>
    <message>
        <source>Địa chỉ: {address}</source>
        <translation>Address: {address}</translation>
    </message>
    <message>
        <source>Đồng ý cho dùng thông tin để</source>
        <translation>Agreed use of information for</translation>
    </message>
    <message>
        <source>✔ {name} — nộp bản giấy</source>
        <translation>✔ {name} — on paper</translation>
    </message>
    <message>
        <source>✔ {name} — tệp {file}</source>
        <translation>✔ {name} — file {file}</translation>
    </message>
</context>
<context>
    <name>SavedPanel</name>
    <message>
        <source>Biên nhận đã ra khỏi máy in chưa?</source>
        <translation>Has the receipt come out of the printer?</translation>
    </message>
    <message>
        <source>Chưa có máy in.</source>
        <translation>No printer is set up yet.</translation>
    </message>
    <message>
        <source>Chưa ghi được câu trả lời. Xin bấm lại «Đã ra» hoặc «Không ra».</source>
        <translation>Your answer was not recorded. Please press “Yes, I have it” or “No, it hasn&apos;t” again.</translation>
    </message>
    <message>
        <source>In lại biên nhận</source>
        <translation>Print the receipt again</translation>
    </message>
    <message>
        <source>Không ra</source>
        <translation>No, it hasn&apos;t</translation>
    </message>
    <message>
        <source>Máy in chưa in được biên nhận. Hồ sơ vẫn đã lưu; hãy ghi lại mã ở trên hoặc nhờ tình nguyện viên in lại.</source>
        <translation>The printer could not print the receipt. Your application is saved; please write down the code above or ask a volunteer to print it again.</translation>
    </message>
    <message>
        <source>Máy in chưa sẵn sàng. Hồ sơ đã lưu; biên nhận sẽ tự in khi máy in hoạt động lại. Hãy ghi lại mã ở trên.</source>
        <translation>The printer is not ready. Your record is saved; the receipt will print by itself when the printer works again. Please write down the code above.</translation>
    </message>
    <message>
        <source>Mã biên nhận của bạn:</source>
        <translation>Your receipt code:</translation>
    </message>
    <message>
        <source>Xong — về trang chủ</source>
        <translation>Done — back to the home screen</translation>
    </message>
    <message>
        <source>Đang chuẩn bị in biên nhận…</source>
        <translation>Getting the receipt ready to print…</translation>
    </message>
    <message>
        <source>Đang in biên nhận…</source>
        <translation>Printing the receipt…</translation>
    </message>
    <message>
        <source>Đã in biên nhận. Xin giữ lại.</source>
        <translation>The receipt has been printed. Please keep it.</translation>
    </message>
    <message>
        <source>Đã lưu</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Đã ra</source>
        <translation>Yes, I have it</translation>
    </message>
</context>
<context>
    <name>SavingNotice</name>
    <message>
        <source>Xin ông/bà chờ một chút.</source>
        <translation>Please wait a moment.</translation>
    </message>
</context>
<context>
    <name>ScanChooser</name>
    <message>
        <source>Chưa có tệp quét mới.</source>
        <translation>No new scans yet.</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{name} — {size}, quét lúc {time}</source>
        <translation>{name} — {size}, scanned at {time}</translation>
    </message>
    <message>
        <source>Đặt giấy lên máy quét và bấm quét. Tệp mới sẽ hiện ra dưới đây; chạm vào tệp để đính kèm.</source>
        <translation>Put the paper on the scanner and press scan. The new file will appear below; touch it to attach it.</translation>
    </message>
</context>
<context>
    <name>SchemaForm</name>
    <message>
        <source>Họ và tên người đăng ký</source>
        <translation>Full name of the person registering</translation>
    </message>
    <message>
        <source>Người đăng ký</source>
        <translation>Person registering</translation>
    </message>
    <message>
        <source>Số nhà, đường, thôn/tổ dân phố</source>
        <translation>House number, street, village or neighbourhood group</translation>
    </message>
    <message>
        <source>Số điện thoại liên hệ</source>
        <translation>Contact phone number</translation>
    </message>
    <message>
        <source>Số định danh cá nhân (số căn cước, 12 chữ số)</source>
        <translation>Personal ID number (citizen ID, 12 digits)</translation>
    </message>
    <message>
        <source>Thông tin đăng ký</source>
        <translation>Registration details</translation>
    </message>
    <message>
        <source>{caption} (không bắt buộc)</source>
        <translation>{caption} (optional)</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>ServerStep</name>
    <message>
        <source>Kiểm tra kết nối</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Máy chủ trả lời: kết nối được.</source>
        <translation>The server answered: the connection works.</translation>
    </message>
    <message>
        <source>Đang hỏi máy chủ…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>Địa chỉ hệ thống của tỉnh mà kiosk gửi hồ sơ tới, do Sở/Trung tâm cung cấp. Máy phải nối mạng: địa chỉ được kiểm tra trước khi lưu.</source>
        <translation>The address of the province&apos;s system the kiosk sends applications to, given by the provincial department or centre. The machine must be online: the address is tested before it is saved.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ của tỉnh</source>
        <translation>The province&apos;s server address</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>Biên nhận</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>Bật</source>
        <translation>On</translation>
    </message>
    <message>
        <source>Chẩn đoán</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>Giao diện</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>Kết nối với hệ thống của tỉnh</source>
        <translation>Connection to the province&apos;s system</translation>
    </message>
    <message>
        <source>Lưu giữ dữ liệu cá nhân</source>
        <translation>Keeping personal data</translation>
    </message>
    <message>
        <source>Màn hình khi không có người dùng</source>
        <translation>Screen when nobody is using it</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Nhận tiền chuyển khoản (VietQR)</source>
        <translation>Bank transfers (VietQR)</translation>
    </message>
    <message>
        <source>Sao lưu</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>Thông báo xin đồng ý</source>
        <translation>Consent notice</translation>
    </message>
    <message>
        <source>Tra cứu hồ sơ</source>
        <translation>Application lookup</translation>
    </message>
    <message>
        <source>{caption} (cách nhau bằng dấu phẩy)</source>
        <translation>{caption} (separated by commas)</translation>
    </message>
    <message>
        <source>{caption} (từ {low} đến {high})</source>
        <translation>{caption} (from {low} to {high})</translation>
    </message>
    <message>
        <source>Điểm hỗ trợ</source>
        <translation>Support point</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>Chưa lưu: {n} ô chưa đúng, xem dòng đỏ bên dưới ô.</source>
        <translation>Not saved: fields to fix: {n}; see the red line under each.</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Không có gì thay đổi.</source>
        <translation>Nothing changed.</translation>
    </message>
    <message>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Đã lưu {n} thay đổi.</source>
        <translation>Changes saved: {n}.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ, ngôn ngữ và thời gian chờ có hiệu lực sau khi khởi động lại ứng dụng; cài đặt máy in có hiệu lực từ lần in sau.</source>
        <translation>The server address, language and idle times take effect after the app restarts; printer settings take effect from the next print.</translation>
    </message>
</context>
<context>
    <name>SetupScreen</name>
    <message>
        <source>Bước {n}/{total}: {title}</source>
        <translation>Step {n} of {total}: {title}</translation>
    </message>
    <message>
        <source>Cài đặt ban đầu</source>
        <translation>First-time setup</translation>
    </message>
    <message>
        <source>Không lưu được: {error}</source>
        <translation>Could not save: {error}</translation>
    </message>
    <message>
        <source>Lưu và tiếp tục →</source>
        <translation>Save and continue →</translation>
    </message>
    <message>
        <source>Máy đã được cài đặt. Chỉ kỹ thuật viên (đã đăng nhập) mới chạy lại được hướng dẫn cài đặt.</source>
        <translation>This kiosk is already set up. Only a logged-in technician can run the setup guide again.</translation>
    </message>
    <message>
        <source>Đang lưu và kiểm tra…</source>
        <translation>Saving and checking…</translation>
    </message>
    <message>
        <source>Đang mở hướng dẫn cài đặt…</source>
        <translation>Opening the setup guide…</translation>
    </message>
    <message>
        <source>← Bước trước</source>
        <translation>← Previous step</translation>
    </message>
    <message>
        <source>← Quay lại</source>
        <translation>← Back</translation>
    </message>
</context>
<context>
    <name>StaffPeriod</name>
    <message>
        <source>7 ngày qua</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>Chủ Nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Hôm qua</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Một ngày: {day}</source>
        <translation>One day: {day}</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Tháng trước</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>{n} ngày, từ {first} đến hết {last}</source>
        <translation>{n} days, from {first} to the end of {last}</translation>
    </message>
    <message>
        <source>{weekday} — hôm nay</source>
        <translation>{weekday} — today</translation>
    </message>
    <message>
        <source>Đến hết ngày</source>
        <translation>Up to and including</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <source>Chốt ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <source>Chốt ngày và xuất báo cáo</source>
        <translation>Close the day and export</translation>
    </message>
    <message>
        <source>Thống kê</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Xuất báo cáo</source>
        <translation>Export a report</translation>
    </message>
</context>
<context>
    <name>StaffWords</name>
    <message>
        <source>Bị từ chối, cần sửa</source>
        <translation>Refused, needs correcting</translation>
    </message>
    <message>
        <source>Chưa rõ kết quả gửi</source>
        <translation>Outcome of sending unknown</translation>
    </message>
    <message>
        <source>Chưa xác nhận ra giấy</source>
        <translation>Printout not confirmed</translation>
    </message>
    <message>
        <source>Chờ gửi</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation>Applications</translation>
    </message>
    <message>
        <source>In lỗi</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>Lượt hướng dẫn</source>
        <translation>Guidance visits</translation>
    </message>
    <message>
        <source>Nộp tiền</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Phản ánh, kiến nghị</source>
        <translation>Feedback and requests</translation>
    </message>
    <message>
        <source>Tỉnh đã nhận</source>
        <translation>Received by the province</translation>
    </message>
    <message>
        <source>Xung đột với dữ liệu của tỉnh</source>
        <translation>Conflicts with the province&apos;s data</translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>{d} ngày {h} giờ</source>
        <translation>{d} d {h} h</translation>
    </message>
    <message>
        <source>{h} giờ {m} phút</source>
        <translation>{h} h {m} min</translation>
    </message>
    <message>
        <source>{m} phút</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>Đang chờ in</source>
        <translation>Waiting to print</translation>
    </message>
    <message>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Đang in</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>Đã in</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Đã thay bằng bản sửa</source>
        <translation>Replaced by a correction</translation>
    </message>
    <message>
        <source>Đăng ký dịch vụ</source>
        <translation>Service registrations</translation>
    </message>
</context>
<context>
    <name>StatsPanel</name>
    <message>
        <source>Hồ sơ nộp tại điểm</source>
        <translation>Applications submitted here</translation>
    </message>
    <message>
        <source>Hồ sơ theo thủ tục</source>
        <translation>Applications by procedure</translation>
    </message>
    <message>
        <source>Hồ sơ tỉnh đã nhận</source>
        <translation>Applications received by the province</translation>
    </message>
    <message>
        <source>Khoản nộp tiền</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Lượt người dân được hướng dẫn</source>
        <translation>Residents given guidance</translation>
    </message>
    <message>
        <source>Mục tỉnh chưa nhận</source>
        <translation>Items the province has not received</translation>
    </message>
    <message>
        <source>Phản ánh, kiến nghị</source>
        <translation>Feedback and requests</translation>
    </message>
    <message>
        <source>Số liệu {period}, tính đến lúc này.</source>
        <translation>Figures for {period}, up to now.</translation>
    </message>
    <message>
        <source>Thống kê thí điểm</source>
        <translation>Pilot statistics</translation>
    </message>
    <message>
        <source>Tiền mặt thu</source>
        <translation>Cash received</translation>
    </message>
    <message>
        <source>Từ lúc lưu đến khi tỉnh nhận hồ sơ (trung vị)</source>
        <translation>From saving to the province receiving an application (median)</translation>
    </message>
    <message>
        <source>{filed} nộp · {accepted} tỉnh đã nhận — {name}</source>
        <translation>{filed} submitted · {accepted} received by the province — {name}</translation>
    </message>
    <message>
        <source>Đang tính…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>Đăng ký dịch vụ</source>
        <translation>Service registrations</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Chưa trao đổi với tỉnh</source>
        <translation>No exchange with the province yet</translation>
    </message>
    <message>
        <source>Chờ gửi: {n} mục</source>
        <translation>Waiting to send: {n}</translation>
    </message>
    <message>
        <source>Cán bộ phường: {name}</source>
        <translation>Ward staff: {name}</translation>
    </message>
    <message>
        <source>Kỹ thuật viên: {name}</source>
        <translation>Technician: {name}</translation>
    </message>
    <message>
        <source>Trao đổi lần cuối {time}</source>
        <translation>Last exchange {time}</translation>
    </message>
    <message>
        <source>Tình nguyện viên: {name}</source>
        <translation>Volunteer: {name}</translation>
    </message>
    <message>
        <source>● Mất kết nối — vẫn lưu được</source>
        <translation>● Offline — saving still works</translation>
    </message>
    <message>
        <source>● Tỉnh từ chối kiosk — gọi kỹ thuật viên</source>
        <translation>● The province refuses this kiosk — call the technician</translation>
    </message>
    <message>
        <source>● Đang kiểm tra kết nối</source>
        <translation>● Checking the connection</translation>
    </message>
    <message>
        <source>● Đã kết nối với tỉnh</source>
        <translation>● Connected to the province</translation>
    </message>
</context>
<context>
    <name>SubjectRecords</name>
    <message>
        <source>Dữ liệu đầy đủ (đã ghi nhật ký việc xem)</source>
        <translation>Full data (this viewing has been logged)</translation>
    </message>
    <message>
        <source>Không còn nội dung (đã xóa theo thời hạn lưu giữ).</source>
        <translation>No content left (deleted at the end of the retention period).</translation>
    </message>
    <message>
        <source>TỈNH CHƯA NHẬN</source>
        <translation>NOT YET RECEIVED BY THE PROVINCE</translation>
    </message>
    <message>
        <source>có số định danh này</source>
        <translation>it has this ID number</translation>
    </message>
    <message>
        <source>gắn với hồ sơ của người này</source>
        <translation>it is linked to this person&apos;s application</translation>
    </message>
    <message>
        <source>số định danh nằm trong nội dung</source>
        <translation>the ID number appears in its content</translation>
    </message>
    <message>
        <source>tỉnh đã nhận</source>
        <translation>received by the province</translation>
    </message>
    <message>
        <source>{state} ({accepted}) · tìm thấy vì: {how}</source>
        <translation>{state} ({accepted}) · found because {how}</translation>
    </message>
</context>
<context>
    <name>SubjectScreen</name>
    <message>
        <source>Chưa xóa gì. {n} mục dưới đây tỉnh chưa nhận; xóa bây giờ sẽ hủy việc gửi chúng:
{items}</source>
        <translation>Nothing has been deleted. The province has not yet received these items ({n}); deleting now cancels sending them:
{items}</translation>
    </message>
    <message>
        <source>Có mục tỉnh chưa nhận</source>
        <translation>Some items not yet received by the province</translation>
    </message>
    <message>
        <source>Dữ liệu của một người</source>
        <translation>One person&apos;s data</translation>
    </message>
    <message>
        <source>Dữ liệu của một người dân</source>
        <translation>A resident&apos;s data</translation>
    </message>
    <message>
        <source>Hiện đầy đủ</source>
        <translation>Show in full</translation>
    </message>
    <message>
        <source>Hiện đầy đủ dữ liệu của {n} mục (họ tên, số định danh, địa chỉ…) cho người yêu cầu xem? Việc xem được ghi vào nhật ký kiểm toán.</source>
        <translation>Show all the data of the items found ({n}: name, ID number, address…) to the person asking? The viewing is recorded in the audit log.</translation>
    </message>
    <message>
        <source>Hủy gửi và xóa</source>
        <translation>Cancel sending and delete</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Không có dữ liệu nào của người này trên máy.</source>
        <translation>There is no data about this person on this machine.</translation>
    </message>
    <message>
        <source>Không xóa</source>
        <translation>Do not delete</translation>
    </message>
    <message>
        <source>Lần xác nhận thứ hai: hủy gửi {n} mục tỉnh chưa nhận và xóa? Chỉ làm khi người dân đã đồng ý; họ sẽ phải nộp lại những mục này.</source>
        <translation>Second confirmation: cancel sending the items the province has not received ({n}) and delete? Only do this if the resident agrees; they will have to submit these again.</translation>
    </message>
    <message>
        <source>Người dân có quyền xem và yêu cầu xóa dữ liệu cá nhân của mình lưu trên máy này. Hãy xem giấy tờ tùy thân của người yêu cầu trước khi tìm. Mỗi lần tìm, xem đầy đủ và xóa đều được ghi vào nhật ký kiểm toán.</source>
        <translation>Residents have the right to see their personal data kept on this machine and to ask for it to be deleted. Check the person&apos;s ID document before searching. Every search, full view and deletion is recorded in the audit log.</translation>
    </message>
    <message>
        <source>Người dân đồng ý: hủy gửi {n} mục và xóa</source>
        <translation>The resident agrees: cancel sending ({n}) and delete</translation>
    </message>
    <message>
        <source>Số định danh cá nhân (CCCD, 12 chữ số)</source>
        <translation>Personal ID number (CCCD, 12 digits)</translation>
    </message>
    <message>
        <source>Tìm dữ liệu</source>
        <translation>Find data</translation>
    </message>
    <message>
        <source>Tìm thấy {n} mục của người này trên máy.</source>
        <translation>Items about this person found on this machine: {n}.</translation>
    </message>
    <message>
        <source>Xem đầy đủ</source>
        <translation>View in full</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Xóa dữ liệu của người này</source>
        <translation>Delete this person&apos;s data</translation>
    </message>
    <message>
        <source>Xóa vĩnh viễn dữ liệu cá nhân trong {n} mục của người này? Không khôi phục lại được; nhật ký chỉ giữ số lượt, không còn tên hay số định danh.</source>
        <translation>Permanently delete this person&apos;s personal data (items: {n})? It cannot be recovered; the log keeps only the counts, no names or ID numbers.</translation>
    </message>
    <message>
        <source>Đã xóa dữ liệu cá nhân của {records} mục ({files} tệp giấy tờ, {withdrawn} mục hủy gửi).</source>
        <translation>Personal data deleted. Items: {records}; document files: {files}; no longer to be sent: {withdrawn}.</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>TechnicianScreen</name>
    <message>
        <source>Chạy lại hướng dẫn cài đặt</source>
        <translation>Run the setup guide again</translation>
    </message>
    <message>
        <source>Chẩn đoán</source>
        <translation>Diagnostics</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Dữ liệu của một người</source>
        <translation>One person&apos;s data</translation>
    </message>
    <message>
        <source>Kết nối với tỉnh</source>
        <translation>Connection to the province</translation>
    </message>
    <message>
        <source>Kỹ thuật</source>
        <translation>Technical</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Thoát ra màn hình máy tính</source>
        <translation>Exit to the desktop</translation>
    </message>
    <message>
        <source>Đóng ứng dụng kiosk và ra màn hình máy tính? Người dân sẽ không dùng được máy cho đến khi mở lại ứng dụng.</source>
        <translation>Close the kiosk app and go to the desktop? Residents cannot use the kiosk until the app is opened again.</translation>
    </message>
    <message>
        <source>Ở lại</source>
        <translation>Stay</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Gọi tình nguyện viên</source>
        <translation>Call a volunteer</translation>
    </message>
    <message>
        <source>Trang chủ</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>← Quay lại</source>
        <translation>← Back</translation>
    </message>
</context>
<context>
    <name>TransferStep</name>
    <message>
        <source>Mã giao dịch do ngân hàng báo (ví dụ FT26326…)</source>
        <translation>Transaction code from the bank (for example FT26326…)</translation>
    </message>
    <message>
        <source>Mở ứng dụng ngân hàng, chọn «Quét mã QR» và đưa camera vào mã bên trái; số tiền và nội dung đã có sẵn. Chuyển xong, ứng dụng báo mã giao dịch: nhập mã đó vào ô dưới đây.</source>
        <translation>Open your banking app, choose “Scan QR code” and point the camera at the code on the left; the amount and purpose are filled in. After the transfer the app shows a transaction code: enter it in the box below.</translation>
    </message>
    <message>
        <source>Người nhận: {name}</source>
        <translation>Recipient: {name}</translation>
    </message>
    <message>
        <source>Nội dung chuyển khoản: {purpose}</source>
        <translation>Transfer purpose: {purpose}</translation>
    </message>
    <message>
        <source>Quay lại sửa</source>
        <translation>Go back and change</translation>
    </message>
    <message>
        <source>Quét mã này để chuyển khoản</source>
        <translation>Scan this code to transfer</translation>
    </message>
    <message>
        <source>Tài khoản: {account} – {bank}</source>
        <translation>Account: {account} – {bank}</translation>
    </message>
    <message>
        <source>{amount} đồng</source>
        <translation>{amount} dong</translation>
    </message>
    <message>
        <source>Đã chuyển xong — Lưu</source>
        <translation>Transfer done — Save</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <source>Chạm vào đúng phường, xã để chọn:</source>
        <translation>Touch the right ward or commune to choose it:</translation>
    </message>
    <message>
        <source>Không thấy phường, xã nào tên «{text}». Hãy gõ lại, hoặc chọn đúng tỉnh.</source>
        <translation>No ward or commune called “{text}”. Please type again, or choose the right province.</translation>
    </message>
    <message>
        <source>Phường, xã — gõ tên mới hoặc tên cũ trước năm 2025</source>
        <translation>Ward or commune — type the new name or the name before 2025</translation>
    </message>
    <message>
        <source>Tỉnh, thành phố</source>
        <translation>Province or city</translation>
    </message>
    <message>
        <source>Ví dụ: Phương Sài, Lộc Thọ, Nha Trang</source>
        <translation>For example: Phương Sài, Lộc Thọ, Nha Trang</translation>
    </message>
    <message>
        <source>{ward} (trước đây: một phần {old})</source>
        <translation>{ward} (formerly part of {old})</translation>
    </message>
    <message>
        <source>{ward} (trước đây: {old})</source>
        <translation>{ward} (formerly {old})</translation>
    </message>
    <message>
        <source>Đã chọn: {ward}</source>
        <translation>Chosen: {ward}</translation>
    </message>
</context>
<context>
    <name>VisitScreen</name>
    <message>
        <source>Chưa ghi nhận được lượt hỗ trợ. Xin chạm lại.</source>
        <translation>The visit could not be logged. Please touch it again.</translation>
    </message>
    <message>
        <source>Chạm vào việc vừa hỗ trợ là lưu ngay.</source>
        <translation>Tap what you helped with: it is saved at once.</translation>
    </message>
    <message>
        <source>Cài đặt, dùng ứng dụng</source>
        <translation>Installing or using an app</translation>
    </message>
    <message>
        <source>Ghi lượt hướng dẫn</source>
        <translation>Log a guidance visit</translation>
    </message>
    <message>
        <source>Hướng dẫn thủ tục</source>
        <translation>Explaining a procedure</translation>
    </message>
    <message>
        <source>Hẹn quay lại</source>
        <translation>Coming back later</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Thanh toán phí, lệ phí</source>
        <translation>Paying fees</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time spent</translation>
    </message>
    <message>
        <source>Thủ tục đã hướng dẫn (không bắt buộc): gõ tên hoặc mã</source>
        <translation>Procedure explained (optional): type its name or code</translation>
    </message>
    <message>
        <source>Thủ tục: {name}</source>
        <translation>Procedure: {name}</translation>
    </message>
    <message>
        <source>Tra cứu hồ sơ, thông tin</source>
        <translation>Looking up an application or information</translation>
    </message>
    <message>
        <source>Việc khác</source>
        <translation>Something else</translation>
    </message>
    <message>
        <source>{n} phút</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>Đã ghi nhận lượt hỗ trợ: {topic}.</source>
        <translation>Visit logged: {topic}.</translation>
    </message>
    <message>
        <source>Đã hướng dẫn</source>
        <translation>Explained</translation>
    </message>
    <message>
        <source>Đã nộp hồ sơ</source>
        <translation>Application submitted</translation>
    </message>
</context>
</TS>

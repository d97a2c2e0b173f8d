/** The tags the widget offers under the stars (the visitor may pick several, or write their own words instead). */
export const SURVEY_TAGS = ['解决了问题', '回答准确', '响应及时', '态度友好', '没解决问题', '答非所问', '等待太久', '流程繁琐'] as const;
